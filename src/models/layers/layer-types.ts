// The layer registry of the layer-list model: every kind of layer a list may hold, as plain data
// (the page draws the editor from it and checks a list with it before the worker boots). Each
// entry names its PyTorch module, its arguments with their rules, and how it changes a shape and
// how many parameters it has, worked out by hand: the tfjs layers it makes, as tfjs counts them.
// A new kind of layer is one entry here plus one builder in src/models/layer-list-builder.ts.
import type { LayerPlan } from '../kinds/kind';

/** An activation's shape without the batch: [features] (flat) or [h, w, c] (images). */
export type Shape = readonly number[];

/** The arguments of one layer, by key. */
export type LayerArgs = Readonly<Record<string, number>>;

export interface LayerArgSpec {
  key: string;
  label: string;
  min: number;
  max: number;
  integer: boolean;
  /** The value when the list leaves it out (some follow another argument: padding = ks // 2). */
  default: number | ((a: LayerArgs) => number);
  /** Always written in the list's text, even at its default (a Linear's units, a conv's filters). */
  always?: boolean;
  help?: string;
}

/** What a layer does to a shape: its output and the tfjs layers it makes, or why it cannot take the shape. */
export type LayerStep = { output: Shape; tfjs: LayerPlan[] } | { problem: string };

export interface LayerTypeSpec {
  /** In the list's text: `conv(16, stride=2)`. */
  type: string;
  /** PyTorch's module: 'Conv2d'. */
  label: string;
  group: 'Layers' | 'Normalisation' | 'Activations' | 'Pooling and shape' | 'Blocks';
  description: string;
  args: readonly LayerArgSpec[];
  /** Takes only images (h × w × c): a list holding it is for image data. */
  images?: boolean;
  /** Its output and tfjs layers on `input`, with every argument resolved. */
  step(input: Shape, a: LayerArgs): LayerStep;
}

const int = (key: string, label: string, min: number, max: number, def: LayerArgSpec['default'], help?: string): LayerArgSpec => ({
  key,
  label,
  min,
  max,
  integer: true,
  default: def,
  help,
});
const real = (key: string, label: string, min: number, max: number, def: number, help?: string): LayerArgSpec => ({
  key,
  label,
  min,
  max,
  integer: false,
  default: def,
  help,
});

const batch = (s: Shape): (number | null)[] => [null, ...s];
const isImage = (s: Shape) => s.length === 3;
const flatNeeded = (label: string): LayerStep => ({
  problem: `${label} needs flat features; add Flatten or GlobalAvgPool before it`,
});
const imageNeeded = (label: string): LayerStep => ({ problem: `${label} needs images (h × w × channels) as its input` });

/** A layer that keeps the shape and has no parameters (activations, dropout): one tfjs layer. */
const sameShape =
  (tfjsClass: string) =>
  (input: Shape): LayerStep => ({
    output: input,
    tfjs: [{ kind: tfjsClass, outputShape: batch(input), params: 0 }],
  });

/** Output size of a convolution or pool along one side (PyTorch's formula); < 1 means the side is too small. */
export const convOut = (size: number, ks: number, stride: number, padding: number): number =>
  Math.floor((size + 2 * padding - ks) / stride) + 1;

/** tfjs runs PyTorch's symmetric padding as 'same' only at stride 1 with an odd kernel and padding ks // 2; else it pads first. */
export const paddingIsSame = (ks: number, stride: number, padding: number): boolean =>
  stride === 1 && ks % 2 === 1 && padding === (ks - 1) / 2;

/** A conv's tfjs layers on an image: a ZeroPadding2D when the padding is not tfjs's 'same', then the Conv2D. */
export function convLayers(input: Shape, filters: number, ks: number, stride: number, padding: number): LayerStep {
  const [h, w, c] = input;
  const [oh, ow] = [convOut(h, ks, stride, padding), convOut(w, ks, stride, padding)];
  if (oh < 1 || ow < 1) return { problem: `a ${ks}×${ks} kernel does not fit a ${h}×${w} image with padding ${padding}` };
  const pad: LayerPlan[] =
    padding > 0 && !paddingIsSame(ks, stride, padding)
      ? [{ kind: 'ZeroPadding2D', outputShape: [null, h + 2 * padding, w + 2 * padding, c], params: 0 }]
      : [];
  return {
    output: [oh, ow, filters],
    tfjs: [...pad, { kind: 'Conv2D', outputShape: [null, oh, ow, filters], params: ks * ks * c * filters + filters }],
  };
}

/** tfjs's BatchNormalization: gamma, beta and the two running statistics per channel (4 × C; 2 × C are trained). */
const bnLayer = (input: Shape): LayerPlan => ({
  kind: 'BatchNormalization',
  outputShape: batch(input),
  params: 4 * input[input.length - 1],
});

function poolStep(label: string, tfjsClass: string) {
  return (input: Shape, a: LayerArgs): LayerStep => {
    if (!isImage(input)) return imageNeeded(label);
    const [h, w, c] = input;
    const [oh, ow] = [Math.floor(h / a.size), Math.floor(w / a.size)];
    if (oh < 1 || ow < 1) return { problem: `a ${a.size}×${a.size} pool does not fit a ${h}×${w} image` };
    return { output: [oh, ow, c], tfjs: [{ kind: tfjsClass, outputShape: [null, oh, ow, c], params: 0 }] };
  };
}

/**
 * miniai's ResBlock: conv(ks) → BN → ReLU → conv(ks, stride) → BN, plus the input through an
 * AvgPool2d(2, ceil_mode) when stride is 2 and a 1×1 conv when the channels change; the sum through a ReLU.
 * Its tfjs layers in the order tfjs lists a functional model's layers (by depth from the output).
 */
function resBlockStep(input: Shape, a: LayerArgs): LayerStep {
  if (!isImage(input)) return imageNeeded('ResBlock');
  const [h, w, c] = input;
  const { filters: f, ks, stride } = a;
  if (ks % 2 === 0) return { problem: `ResBlock's kernel size must be odd (got ${ks})` };
  const p = (ks - 1) / 2;
  const first = convLayers(input, f, ks, 1, p);
  if ('problem' in first) return first;
  const second = convLayers(first.output, f, ks, stride, p);
  if ('problem' in second) return second;
  const out = second.output;
  const pooled: Shape = stride === 1 ? input : [Math.ceil(h / 2), Math.ceil(w / 2), c];
  if (pooled[0] !== out[0] || pooled[1] !== out[1])
    return { problem: `the shortcut (${pooled[0]}×${pooled[1]}) does not match the convs (${out[0]}×${out[1]})` };
  const shortcut: LayerPlan[] = [
    ...(stride === 1 ? [] : [{ kind: 'AveragePooling2D', outputShape: batch(pooled), params: 0 }]),
    ...(c === f ? [] : [{ kind: 'Conv2D', outputShape: batch(out), params: c * f + f }]),
  ];
  const main: LayerPlan[] = [
    ...first.tfjs,
    bnLayer(first.output),
    { kind: 'Activation', outputShape: batch(first.output), params: 0 },
    ...second.tfjs,
    bnLayer(out),
  ];
  return {
    output: out,
    tfjs: [
      ...interleaveByDepth(main, shortcut),
      { kind: 'Add', outputShape: batch(out), params: 0 },
      { kind: 'Activation', outputShape: batch(out), params: 0 },
    ],
  };
}

/**
 * Two parallel branches from one input into one layer (the Add), as tfjs lists them: a functional
 * model's layers go by decreasing depth, counted from the output, so the branches line up at their
 * ends (the shortcut's last layer beside the main branch's last BN); at one depth the main branch first.
 */
export function interleaveByDepth<T>(main: readonly T[], shortcut: readonly T[]): T[] {
  const out: T[] = [];
  for (let d = Math.max(main.length, shortcut.length); d >= 1; d--) {
    const [m, s] = [main[main.length - d], shortcut[shortcut.length - d]];
    if (m) out.push(m);
    if (s) out.push(s);
  }
  return out;
}

export const LAYER_TYPES: readonly LayerTypeSpec[] = [
  {
    type: 'linear',
    label: 'Linear',
    group: 'Layers',
    description: 'A dense layer: every output is a weighted sum of every input, plus a bias',
    args: [{ ...int('units', 'Units', 1, 4096, 50), always: true }],
    step: (input, a) =>
      isImage(input)
        ? flatNeeded('Linear')
        : { output: [a.units], tfjs: [{ kind: 'Dense', outputShape: [null, a.units], params: input[0] * a.units + a.units }] },
  },
  {
    type: 'conv',
    images: true,
    label: 'Conv2d',
    group: 'Layers',
    description: 'A 2-D convolution: filters slid over the image; stride 2 halves its size',
    args: [
      { ...int('filters', 'Filters', 1, 512, 16), always: true },
      int('ks', 'Kernel size', 1, 7, 3),
      int('stride', 'Stride', 1, 4, 1),
      int('padding', 'Padding', 0, 7, (a) => Math.floor(a.ks / 2), 'default: kernel size // 2'),
    ],
    step: (input, a) => (isImage(input) ? convLayers(input, a.filters, a.ks, a.stride, a.padding) : imageNeeded('Conv2d')),
  },
  {
    type: 'bn1d',
    label: 'BatchNorm1d',
    group: 'Normalisation',
    description:
      'Normalises each feature over the batch, then scales and shifts it (2 trained numbers and 2 running statistics per feature)',
    args: [],
    step: (input) =>
      isImage(input)
        ? { problem: 'BatchNorm1d needs flat features; after a Conv2d use BatchNorm2d' }
        : { output: input, tfjs: [bnLayer(input)] },
  },
  {
    type: 'bn2d',
    images: true,
    label: 'BatchNorm2d',
    group: 'Normalisation',
    description: 'Normalises each channel over the batch and the image, then scales and shifts it',
    args: [],
    step: (input) =>
      isImage(input)
        ? { output: input, tfjs: [bnLayer(input)] }
        : { problem: 'BatchNorm2d needs images; on flat features use BatchNorm1d' },
  },
  {
    type: 'dropout',
    label: 'Dropout',
    group: 'Normalisation',
    description: 'In training, zeroes each activation with probability p (and scales the rest by 1/(1-p))',
    args: [real('p', 'p', 0, 0.95, 0.5)],
    step: sameShape('Dropout'),
  },
  { type: 'relu', label: 'ReLU', group: 'Activations', description: 'max(0, x)', args: [], step: sameShape('Activation') },
  {
    type: 'leakyrelu',
    label: 'LeakyReLU',
    group: 'Activations',
    description: 'x, or slope · x below 0',
    args: [real('slope', 'Negative slope', 0, 1, 0.01)],
    step: sameShape('LeakyReLU'),
  },
  {
    type: 'gelu',
    label: 'GELU',
    group: 'Activations',
    description: 'x · Φ(x), the smooth ReLU of transformers',
    args: [],
    step: sameShape('Activation'),
  },
  { type: 'tanh', label: 'Tanh', group: 'Activations', description: 'tanh(x), in (-1, 1)', args: [], step: sameShape('Activation') },
  {
    type: 'sigmoid',
    label: 'Sigmoid',
    group: 'Activations',
    description: '1 / (1 + e^-x), in (0, 1)',
    args: [],
    step: sameShape('Activation'),
  },
  {
    type: 'generalrelu',
    label: 'GeneralRelu',
    group: 'Activations',
    description: "miniai's GeneralRelu: a leaky ReLU, minus sub, clamped at maxv (0: no clamp)",
    args: [real('leak', 'Leak', 0, 1, 0.1), real('sub', 'Sub', 0, 5, 0.4), real('maxv', 'Max value', 0, 100, 0, '0: no clamp')],
    step: sameShape('GeneralRelu'),
  },
  {
    type: 'maxpool',
    images: true,
    label: 'MaxPool2d',
    group: 'Pooling and shape',
    description: 'The largest value of each size × size patch',
    args: [int('size', 'Size', 2, 8, 2)],
    step: poolStep('MaxPool2d', 'MaxPooling2D'),
  },
  {
    type: 'avgpool',
    images: true,
    label: 'AvgPool2d',
    group: 'Pooling and shape',
    description: 'The mean of each size × size patch',
    args: [int('size', 'Size', 2, 8, 2)],
    step: poolStep('AvgPool2d', 'AveragePooling2D'),
  },
  {
    type: 'globalavgpool',
    images: true,
    label: 'GlobalAvgPool',
    group: 'Pooling and shape',
    description: 'The mean of each channel over the whole image: [h, w, c] → [c] (AdaptiveAvgPool2d(1) + Flatten)',
    args: [],
    step: (input) =>
      isImage(input)
        ? { output: [input[2]], tfjs: [{ kind: 'GlobalAveragePooling2D', outputShape: [null, input[2]], params: 0 }] }
        : imageNeeded('GlobalAvgPool'),
  },
  {
    type: 'flatten',
    label: 'Flatten',
    group: 'Pooling and shape',
    description: 'An image as one row of h · w · c features (nothing to do on rows)',
    args: [],
    step: (input) => {
      const n = input.reduce((p, d) => p * d, 1);
      return isImage(input) ? { output: [n], tfjs: [{ kind: 'Flatten', outputShape: [null, n], params: 0 }] } : { output: input, tfjs: [] };
    },
  },
  {
    type: 'resblock',
    images: true,
    label: 'ResBlock',
    group: 'Blocks',
    description: "miniai's ResBlock: two convs with BatchNorm, plus the input (through a 1×1 conv when the channels change), then ReLU",
    args: [
      { ...int('filters', 'Filters', 1, 512, 16), always: true },
      int('stride', 'Stride', 1, 2, 1),
      int('ks', 'Kernel size', 1, 7, 3, 'odd'),
    ],
    step: resBlockStep,
  },
];

const BY_TYPE = new Map(LAYER_TYPES.map((t) => [t.type, t]));

export function layerType(type: string): LayerTypeSpec | undefined {
  return BY_TYPE.get(type);
}

/** An argument's default given the arguments before it. */
export const argDefault = (arg: LayerArgSpec, before: LayerArgs): number =>
  typeof arg.default === 'function' ? arg.default(before) : arg.default;

/** Every argument of a layer, in the spec's order: the given value, else the default (which may follow an earlier one). */
export function resolveArgs(spec: LayerTypeSpec, given: LayerArgs): Record<string, number> {
  const out: Record<string, number> = {};
  for (const arg of spec.args) out[arg.key] = Object.hasOwn(given, arg.key) ? given[arg.key] : argDefault(arg, out);
  return out;
}
