// PyTorch's names for a model's layers and parameters, as in the nn.Sequential of the exported fastai
// script: the kernel of the Sequential's module 1 is "1.weight". Plain data: a kind describes its
// Sequential (`ModelKindSpec.torch`), the worker pairs it with the tfjs model and sends the names.

/**
 * The Sequential's modules that one tfjs layer stands for, by PyTorch class: a Dense with a ReLU is
 * ['Linear', 'ReLU']. `tfjs: false` for a module the tfjs model has no layer for (the MLP's Flatten
 * on rows). The first module holds the layer's parameters.
 */
export interface TorchLayer {
  modules: string[];
  tfjs: boolean;
  /**
   * The first module's own dotted name, where the names do not follow by counting the Sequential's
   * modules: a module inside a block ('3.convs.0'), or a second tfjs layer of one module (a conv's
   * padding). Its modules are numbered on from its last part ('5' → '5 AdaptiveAvgPool2d + 6 Flatten'),
   * its weights are `${path}.weight`…, and it takes no place in the count of the entries without one.
   */
  path?: string;
}

/** A tfjs layer: its name ("dense_Dense3") and its weights' names ("dense_Dense3/kernel"), in order. */
export interface TfjsLayer {
  name: string;
  weights: string[];
}

/** tfjs name → PyTorch name, for layers ("1 Linear + 2 ReLU") and weights ("1.weight"). */
export type ModelNames = Record<string, string>;

/** tfjs's weight names → PyTorch's (Dense, Conv2D, BatchNormalization). */
const TORCH_PARAM: Record<string, string> = {
  kernel: 'weight',
  bias: 'bias',
  gamma: 'weight',
  beta: 'bias',
  moving_mean: 'running_mean',
  moving_variance: 'running_var',
};

/** "dense_Dense3/kernel" → "kernel" (tfjs adds "_1" to a repeated name). */
function weightKind(name: string): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return TORCH_PARAM[last] ? last : last.replace(/_\d+$/, '');
}

/** The names of the Sequential `torch` for the tfjs layers `tfjs`; empty when they do not pair up (the tfjs names then show). */
export function torchNames(torch: readonly TorchLayer[], tfjs: readonly TfjsLayer[]): ModelNames {
  const names: ModelNames = {};
  let index = 0;
  let t = 0;
  for (const layer of torch) {
    const first = index;
    if (layer.path === undefined) index += layer.modules.length;
    if (!layer.tfjs) continue;
    const tf = tfjs[t++];
    if (!tf) return {};
    const at = layer.path === undefined ? (i: number) => String(first + i) : numberedFrom(layer.path);
    names[tf.name] = layer.modules.map((type, i) => `${at(i)} ${type}`).join(' + ');
    for (const w of tf.weights) {
      const param = TORCH_PARAM[weightKind(w)];
      if (!param) return {};
      names[w] = `${at(0)}.${param}`;
    }
  }
  return t === tfjs.length ? names : {};
}

/** The i-th module's name from `path` on: '3.convs.0' → '3.convs.1' for 1 (a path not ending in a number names one module). */
function numberedFrom(path: string): (i: number) => string {
  const m = /^(.*?)(\d+)$/.exec(path);
  return (i) => (i === 0 || !m ? path : `${m[1]}${Number(m[2]) + i}`);
}

/** The name to show for a tfjs name: PyTorch's when known. */
export function torchName(names: ModelNames, tfjsName: string): string {
  return Object.hasOwn(names, tfjsName) ? names[tfjsName] : tfjsName;
}
