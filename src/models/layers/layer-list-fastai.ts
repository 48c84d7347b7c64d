// The layer list in the exported fastai script, and PyTorch's names for its tfjs layers. One walk
// of the parsed list gives both: each item's top-level modules of the script's nn.Sequential (as
// Python) and the tfjs layers the page's builder makes for it, paired with those modules. Every
// number enters the script through py(); the list's text only through pyComment().
import { py, pyComment } from '../../shared/py-literal';
import type { TorchLayer } from '../torch-names';
import type { FastaiModelContext } from '../kinds/kind';
import { fullArgs, parseLayers, type LayerItem } from './layer-list';
import { interleaveByDepth, paddingIsSame } from './layer-types';

interface LayerListSetup {
  stack: string;
  init: string;
}

/** The page's image data is grey: MNIST and IDX files are 1 channel (a ResBlock's shortcut conv depends on it). */
const IMAGE_CHANNELS = 1;

/** The input's size in the script: a dummy batch run through the modules before (features, or channels). */
const IN = 'probe.shape[1]';

/** One item of the list: its top-level modules (Python) and its tfjs layers, by PyTorch module, from its first module's index. */
interface ItemModules {
  python: string[];
  torch(first: number): TorchLayer[];
}

/** A tfjs layer that stands for the module at `path`. */
const at = (path: string, type: string): TorchLayer => ({ modules: [type], tfjs: true, path });

/** A module with one tfjs layer; `python` its Python. */
const single = (type: string, python: string): ItemModules => ({ python: [python], torch: (k) => [at(String(k), type)] });

/** A conv's tfjs layers: a ZeroPadding2D first when tfjs cannot pad it as 'same' (convLayers in layer-types.ts), then the Conv2D. */
const convTorch = (path: string, ks: number, stride: number, padding: number): TorchLayer[] =>
  padding > 0 && !paddingIsSame(ks, stride, padding) ? [at(path, 'Conv2d'), at(path, 'Conv2d')] : [at(path, 'Conv2d')];

/** The list's items as modules, following whether the activations are images and their channels. */
function walk(layers: readonly LayerItem[], images: boolean): ItemModules[] {
  let image = images;
  let channels = IMAGE_CHANNELS;
  return layers.map((item): ItemModules => {
    const a = fullArgs(item);
    switch (item.type) {
      case 'linear':
        return single('Linear', `nn.Linear(${IN}, ${py(a.units)})`);
      case 'conv':
        channels = a.filters;
        return {
          python: [`nn.Conv2d(${IN}, ${py(a.filters)}, ${py(a.ks)}, stride=${py(a.stride)}, padding=${py(a.padding)})`],
          torch: (k) => convTorch(String(k), a.ks, a.stride, a.padding),
        };
      case 'bn1d':
        return single('BatchNorm1d', `nn.BatchNorm1d(${IN})`);
      case 'bn2d':
        return single('BatchNorm2d', `nn.BatchNorm2d(${IN})`);
      case 'dropout':
        return single('Dropout', `nn.Dropout(${py(a.p, { float: true })})`);
      case 'relu':
        return single('ReLU', 'nn.ReLU()');
      case 'leakyrelu':
        return single('LeakyReLU', `nn.LeakyReLU(${py(a.slope, { float: true })})`);
      case 'gelu':
        return single('GELU', 'nn.GELU()');
      case 'tanh':
        return single('Tanh', 'nn.Tanh()');
      case 'sigmoid':
        return single('Sigmoid', 'nn.Sigmoid()');
      case 'generalrelu': {
        const maxv = a.maxv > 0 ? py(a.maxv, { float: true }) : py(null);
        return single('GeneralRelu', `GeneralRelu(leak=${py(a.leak, { float: true })}, sub=${py(a.sub, { float: true })}, maxv=${maxv})`);
      }
      case 'maxpool':
        return single('MaxPool2d', `nn.MaxPool2d(${py(a.size)})`);
      case 'avgpool':
        return single('AvgPool2d', `nn.AvgPool2d(${py(a.size)})`);
      case 'globalavgpool':
        image = false;
        // one tfjs layer for the two modules
        return {
          python: ['nn.AdaptiveAvgPool2d(1)', 'nn.Flatten()'],
          torch: (k) => [{ modules: ['AdaptiveAvgPool2d', 'Flatten'], tfjs: true, path: String(k) }],
        };
      case 'flatten': {
        const had = image;
        image = false;
        // on rows the tfjs model has no layer for it
        return { python: ['nn.Flatten()'], torch: (k) => [{ modules: ['Flatten'], tfjs: had, path: String(k) }] };
      }
      case 'resblock': {
        const ni = channels;
        channels = a.filters;
        const { filters: nf, ks, stride } = a;
        const p = Math.floor(ks / 2);
        return {
          python: [`ResBlock(${IN}, ${py(nf)}, stride=${py(stride)}, ks=${py(ks)})`],
          torch: (k) => {
            const main = [
              ...convTorch(`${k}.convs.0`, ks, 1, p),
              at(`${k}.convs.1`, 'BatchNorm2d'),
              at(`${k}.convs.2`, 'ReLU'),
              ...convTorch(`${k}.convs.3`, ks, stride, p),
              at(`${k}.convs.4`, 'BatchNorm2d'),
            ];
            const shortcut = [...(stride === 1 ? [] : [at(`${k}.pool`, 'AvgPool2d')]), ...(ni === nf ? [] : [at(`${k}.idconv`, 'Conv2d')])];
            // the sum (tfjs's Add) is the block's forward; its ReLU is `act`
            return [...interleaveByDepth(main, shortcut), at(String(k), 'ResBlock'), at(`${k}.act`, 'ReLU')];
          },
        };
      }
      default:
        throw new RangeError(`no fastai module for layer type '${item.type}'`);
    }
  });
}

/** miniai's GeneralRelu (the sub and the clamp out of place, so that autograd may keep ReLU's output). */
const GENERAL_RELU_PY = [
  'class GeneralRelu(nn.Module):',
  '    "miniai\'s GeneralRelu: a leaky ReLU, minus sub, clamped at maxv (None: no clamp)"',
  '    def __init__(self, leak=None, sub=None, maxv=None):',
  '        super().__init__()',
  '        self.leak, self.sub, self.maxv = leak, sub, maxv',
  '    def forward(self, x):',
  '        x = F.leaky_relu(x, self.leak) if self.leak is not None else F.relu(x)',
  '        if self.sub is not None: x = x - self.sub',
  '        if self.maxv is not None: x = x.clamp_max(self.maxv)',
  '        return x',
];

/** miniai's ResBlock, its convs keeping their biases. */
const RES_BLOCK_PY = [
  'class ResBlock(nn.Module):',
  '    "miniai\'s ResBlock: conv, BatchNorm, ReLU, conv (stride), BatchNorm; plus the input (pooled when the stride is 2, a 1x1 conv when the channels change); then ReLU"',
  '    def __init__(self, ni, nf, stride=1, ks=3):',
  '        super().__init__()',
  '        self.convs = nn.Sequential(nn.Conv2d(ni, nf, ks, 1, ks // 2), nn.BatchNorm2d(nf), nn.ReLU(),',
  '                                   nn.Conv2d(nf, nf, ks, stride, ks // 2), nn.BatchNorm2d(nf))',
  '        self.idconv = noop if ni == nf else nn.Conv2d(ni, nf, 1)',
  '        self.pool = noop if stride == 1 else nn.AvgPool2d(2, ceil_mode=True)',
  '        self.act = nn.ReLU()',
  '    def forward(self, x): return self.act(self.convs(x) + self.idconv(self.pool(x)))',
];

const GLOROT_PY = [
  "# the page's initialisers (tfjs's defaults): Glorot-uniform weights, zero biases, on every Conv2d and Linear",
  'for mod in model.modules():',
  '    if isinstance(mod, (nn.Conv2d, nn.Linear)): nn.init.xavier_uniform_(mod.weight); nn.init.zeros_(mod.bias)',
];

const KAIMING_PY = [
  "# the page's initialisers: Kaiming-normal (fan in, ReLU's gain: std sqrt(2 / fan_in)) on every Conv2d and Linear",
  '# but Glorot-uniform for the output layer; zero biases',
  'for mod in model.modules():',
  "    if isinstance(mod, (nn.Conv2d, nn.Linear)): nn.init.kaiming_normal_(mod.weight, nonlinearity='relu'); nn.init.zeros_(mod.bias)",
  'nn.init.xavier_uniform_(model[-1].weight)',
];

const LSUV_PY = [
  'def lsuv_init(model, xb):',
  '    "miniai\'s LSUV: each Conv2d and Linear but the output layer in turn, its bias shifted and its weight scaled until its outputs on xb have mean 0 and std 1"',
  '    layers = [mod for mod in model.modules() if isinstance(mod, (nn.Conv2d, nn.Linear))][:-1]',
  '    for layer in layers:',
  '        stats = {}',
  '        hook = layer.register_forward_hook(lambda mod, inp, out: stats.update(mean=out.mean().item(), std=out.std().item()))',
  '        with torch.no_grad():',
  '            for _ in range(10):',
  '                model(xb)',
  "                if abs(stats['std'] - 1) < 1e-3 and abs(stats['mean']) < 1e-3: break",
  "                layer.bias -= stats['mean']",
  "                layer.weight /= stats['std']",
  '        hook.remove()',
  '# LSUV on one training batch (the model is on the CPU until the Learner moves it)',
  'lsuv_init(model, dls.one_batch()[0].cpu())',
];

export function fastaiLayerList(m: LayerListSetup, ctx: FastaiModelContext): string[] {
  const parsed = parseLayers(m.stack);
  if (!parsed.ok) return [`raise ValueError(${py(`the layer list is refused: ${parsed.reason}`)})`];
  const types = new Set(parsed.layers.map((l) => l.type));
  const modules = walk(parsed.layers, ctx.images).flatMap((i) => i.python);
  return [
    pyComment(`the layer list, then a Linear to the outputs: ${m.stack}`),
    ...(types.has('generalrelu') ? GENERAL_RELU_PY : []),
    ...(types.has('resblock') ? RES_BLOCK_PY : []),
    "# each module's input size comes from a dummy batch run through the modules before it (probe.shape[1]: features or channels)",
    `mods, probe = [], torch.zeros(2, ${ctx.images ? '*img_shape' : 'n_in'})`,
    'def add_layer(mod):',
    '    global probe',
    '    mods.append(mod)',
    '    with torch.no_grad(): probe = mod.eval()(probe)',
    ...modules.map((mod) => `add_layer(${mod})`),
    `add_layer(nn.Linear(${IN}, n_out))`,
    'model = nn.Sequential(*mods).train()',
    ...(m.init === 'glorot' ? GLOROT_PY : KAIMING_PY),
    ...(m.init === 'lsuv' ? LSUV_PY : []),
  ];
}

export function torchLayerList(m: LayerListSetup, ctx: FastaiModelContext): TorchLayer[] {
  const parsed = parseLayers(m.stack);
  if (!parsed.ok) return [];
  const torch: TorchLayer[] = [];
  let k = 0;
  for (const item of walk(parsed.layers, ctx.images)) {
    torch.push(...item.torch(k));
    k += item.python.length;
  }
  torch.push(at(String(k), 'Linear'));
  return torch;
}
