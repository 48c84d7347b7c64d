// The layer list in the exported fastai script (each preset, every layer type, each init; hostile
// text), and PyTorch's names for the tfjs layers the kind plans. The script itself runs in real
// fastai in fastai-check/layer-list.fastai.ts.
import { describe, expect, it } from 'vitest';
import { buildModelOf } from '../kinds/builders';
import { planModel } from '../kinds/catalog';
import { INITS } from '../kinds/layers';
import { torchNames, type TfjsLayer } from '../torch-names';
import { pyComment } from '../../shared/py-literal';
import { fastaiLayerList, torchLayerList } from './layer-list-fastai';
import { parseLayers } from './layer-list';
import { LAYER_PRESETS } from './presets';

const MNIST = { inputs: 784, outputs: 10, imageShape: [28, 28, 1] as const };
const ROWS = { inputs: 2, outputs: 3, imageShape: null };

/** Every layer type, on 28 × 28 × 1 down to 1 × 1, then rows (as in fastai-check/layer-list.fastai.ts). */
const EVERY_LAYER =
  'conv(8, 5, 2) bn2d generalrelu(0.1, 0.4, 6) conv(8, 4, 2, 1) leakyrelu(0.2) resblock(16, 2) resblock(16) gelu ' +
  'maxpool avgpool globalavgpool linear(32) bn1d dropout(0.2) tanh sigmoid relu flatten linear(20) generalrelu';
const ROW_LAYERS = 'flatten linear(16) bn1d dropout(0.1) leakyrelu gelu tanh sigmoid generalrelu(0.1, 0.4, 6) relu linear(4)';

const code = (stack: string, init = 'kaiming', images = true) => fastaiLayerList({ stack, init }, { images });
/** The modules added to the Sequential, as their Python. */
const added = (lines: string[]) => lines.filter((l) => l.startsWith('add_layer(')).map((l) => l.slice('add_layer('.length, -1));

/** The tfjs classes of the builder's layers for each PyTorch module. */
const TFJS_OF: Record<string, string[]> = {
  Linear: ['Dense'],
  Conv2d: ['Conv2D', 'ZeroPadding2D'],
  BatchNorm1d: ['BatchNormalization'],
  BatchNorm2d: ['BatchNormalization'],
  Dropout: ['Dropout'],
  ReLU: ['Activation'],
  GELU: ['Activation'],
  Tanh: ['Activation'],
  Sigmoid: ['Activation'],
  LeakyReLU: ['LeakyReLU'],
  GeneralRelu: ['GeneralRelu'],
  MaxPool2d: ['MaxPooling2D'],
  AvgPool2d: ['AveragePooling2D'],
  AdaptiveAvgPool2d: ['GlobalAveragePooling2D'],
  Flatten: ['Flatten'],
  ResBlock: ['Add'],
};

/** The tfjs layers the kind plans, as tfjs names them (its class, a number) with their weights. */
function tfjsLayers(stack: string, io: typeof MNIST | typeof ROWS): TfjsLayer[] {
  const weights: Record<string, string[]> = {
    Dense: ['kernel', 'bias'],
    Conv2D: ['kernel', 'bias'],
    BatchNormalization: ['gamma', 'beta', 'moving_mean', 'moving_variance'],
  };
  return planModel({ kind: 'layers', stack, init: 'kaiming' }, io).map((l, i) => {
    const name = `${l.kind.toLowerCase()}_${l.kind}${i + 1}`;
    return { name, weights: (weights[l.kind] ?? []).map((w) => `${name}/${w}`) };
  });
}

describe('fastaiLayerList', () => {
  it('sizes each module by a dummy batch of the data: images or rows', () => {
    const lines = code('flatten linear(32) relu', 'glorot', false);
    expect(lines).toContain('mods, probe = [], torch.zeros(2, n_in)');
    expect(code('flatten linear(32) relu')).toContain('mods, probe = [], torch.zeros(2, *img_shape)');
    expect(added(lines)).toEqual(['nn.Flatten()', 'nn.Linear(probe.shape[1], 32)', 'nn.ReLU()', 'nn.Linear(probe.shape[1], n_out)']);
    expect(lines).toContain('model = nn.Sequential(*mods).train()');
  });

  it("writes the BatchNorm CNN preset's modules with every argument", () => {
    const bn = LAYER_PRESETS.find((p) => p.id === 'bn-cnn')!;
    expect(code(bn.stack)[0]).toBe(pyComment(`the layer list, then a Linear to the outputs: ${bn.stack}`));
    expect(added(code(bn.stack))).toEqual([
      ...[
        [8, 5, 2, 2],
        [16, 3, 2, 1],
        [32, 3, 2, 1],
        [64, 3, 2, 1],
      ].flatMap(([f, ks, s, p]) => [
        `nn.Conv2d(probe.shape[1], ${f}, ${ks}, stride=${s}, padding=${p})`,
        'nn.BatchNorm2d(probe.shape[1])',
        'nn.ReLU()',
      ]),
      'nn.Flatten()',
      'nn.Linear(probe.shape[1], n_out)',
    ]);
  });

  it('writes every layer type, and the classes of miniai once each when used', () => {
    const lines = code(EVERY_LAYER);
    expect(added(lines)).toEqual([
      'nn.Conv2d(probe.shape[1], 8, 5, stride=2, padding=2)',
      'nn.BatchNorm2d(probe.shape[1])',
      'GeneralRelu(leak=0.1, sub=0.4, maxv=6.0)',
      'nn.Conv2d(probe.shape[1], 8, 4, stride=2, padding=1)',
      'nn.LeakyReLU(0.2)',
      'ResBlock(probe.shape[1], 16, stride=2, ks=3)',
      'ResBlock(probe.shape[1], 16, stride=1, ks=3)',
      'nn.GELU()',
      'nn.MaxPool2d(2)',
      'nn.AvgPool2d(2)',
      'nn.AdaptiveAvgPool2d(1)',
      'nn.Flatten()',
      'nn.Linear(probe.shape[1], 32)',
      'nn.BatchNorm1d(probe.shape[1])',
      'nn.Dropout(0.2)',
      'nn.Tanh()',
      'nn.Sigmoid()',
      'nn.ReLU()',
      'nn.Flatten()',
      'nn.Linear(probe.shape[1], 20)',
      // maxv 0: no clamp
      'GeneralRelu(leak=0.1, sub=0.4, maxv=None)',
      'nn.Linear(probe.shape[1], n_out)',
    ]);
    expect(lines.filter((l) => l === 'class GeneralRelu(nn.Module):')).toHaveLength(1);
    expect(lines.filter((l) => l === 'class ResBlock(nn.Module):')).toHaveLength(1);
    expect(lines.join('\n')).toContain('self.idconv = noop if ni == nf else nn.Conv2d(ni, nf, 1)');
    const plain = code('conv(8) relu flatten');
    expect(plain.some((l) => l.startsWith('class '))).toBe(false);
  });

  it.each(INITS)('initialises as the page does: %s', (init) => {
    const text = code(LAYER_PRESETS[1].stack, init).join('\n');
    const glorot = 'if isinstance(mod, (nn.Conv2d, nn.Linear)): nn.init.xavier_uniform_(mod.weight); nn.init.zeros_(mod.bias)';
    const kaiming =
      "if isinstance(mod, (nn.Conv2d, nn.Linear)): nn.init.kaiming_normal_(mod.weight, nonlinearity='relu'); nn.init.zeros_(mod.bias)";
    expect(text.includes(glorot)).toBe(init === 'glorot');
    expect(text.includes(kaiming)).toBe(init !== 'glorot');
    expect(text.includes('nn.init.xavier_uniform_(model[-1].weight)')).toBe(init !== 'glorot');
    expect(text.includes('def lsuv_init(model, xb):')).toBe(init === 'lsuv');
    // after the model (and the data's dls, which come before the model in the script)
    expect(text.endsWith('lsuv_init(model, dls.one_batch()[0].cpu())')).toBe(init === 'lsuv');
    expect(text.indexOf('model = nn.Sequential')).toBeLessThan(text.indexOf('for mod in model.modules()'));
  });

  it.each(LAYER_PRESETS.flatMap((p) => INITS.map((init) => ({ p, init }))))(
    'writes $p.id with $init init: one module per item and the output layer',
    ({ p, init }) => {
      const lines = code(p.stack, init);
      const parsed = parseLayers(p.stack);
      if (!parsed.ok) throw new Error(parsed.reason);
      // GlobalAvgPool is two modules
      const items = parsed.layers.length + parsed.layers.filter((l) => l.type === 'globalavgpool').length;
      expect(added(lines)).toHaveLength(items + 1);
      expect(added(lines).at(-1)).toBe('nn.Linear(probe.shape[1], n_out)');
      for (const l of lines) expect(l).toMatch(/^[\x20-\x7e]*$/);
    },
  );

  it('lets the list text in only as an escaped comment', () => {
    const hostile = 'relu\n\u2028linear(3)\r\n\tflatten;;,';
    const lines = code(hostile, 'glorot', false);
    expect(lines[0]).toBe('# the layer list, then a Linear to the outputs: relu\\n\\u2028linear(3)\\r\\n\\tflatten;;,');
    for (const l of lines) expect(l).toMatch(/^[\x20-\x7e]*$/);
    expect(added(lines)).toEqual(['nn.ReLU()', 'nn.Linear(probe.shape[1], 3)', 'nn.Flatten()', 'nn.Linear(probe.shape[1], n_out)']);
  });

  it('writes a refused list as an error the script raises, its reason escaped', () => {
    const lines = code('relu\n"""); import os; os.system("rm -rf /") #', 'glorot');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^raise ValueError\("the layer list is refused: layer 2: .*"\)$/);
    expect(lines[0]).toContain('\\"\\"\\"');
    expect(lines[0]).toMatch(/^[\x20-\x7e]*$/);
    // a number outside an argument's range never reaches the script
    expect(code('linear(1e400)')[0]).toMatch(/^raise ValueError/);
  });
});

describe('torchLayerList', () => {
  const lists = [...LAYER_PRESETS.map((p) => ({ name: p.id, stack: p.stack })), { name: 'every layer', stack: EVERY_LAYER }];

  it.each(lists)('pairs one entry with each tfjs layer the kind plans: $name', ({ stack }) => {
    const torch = torchLayerList({ stack, init: 'glorot' }, { images: true });
    const plan = planModel({ kind: 'layers', stack, init: 'glorot' }, MNIST);
    expect(plan.length).toBeGreaterThan(0);
    expect(torch.filter((t) => t.tfjs)).toHaveLength(plan.length);
    // each entry's module is one that the tfjs layer it is paired with stands for
    const pairs = torch.filter((t) => t.tfjs).map((t, i) => `${i} ${t.modules[0]} ${plan[i].kind}`);
    expect(pairs).toEqual(
      torch.filter((t) => t.tfjs).map((t, i) => `${i} ${t.modules[0]} ${TFJS_OF[t.modules[0]].find((k) => k === plan[i].kind) ?? '?'}`),
    );
    const names = torchNames(torch, tfjsLayers(stack, MNIST));
    for (const l of tfjsLayers(stack, MNIST)) {
      expect(names[l.name]).toBeDefined();
      for (const w of l.weights) expect(names[w]).toBeDefined();
    }
  });

  it.each([
    { name: 'mlp', stack: LAYER_PRESETS[0].stack },
    { name: 'rows', stack: ROW_LAYERS },
  ])('on rows, a Flatten has no tfjs layer: $name', ({ stack }) => {
    const torch = torchLayerList({ stack, init: 'glorot' }, { images: false });
    expect(torch[0]).toEqual({ modules: ['Flatten'], tfjs: false, path: '0' });
    expect(torch.filter((t) => t.tfjs)).toHaveLength(planModel({ kind: 'layers', stack, init: 'glorot' }, ROWS).length);
    expect(Object.keys(torchNames(torch, tfjsLayers(stack, ROWS))).length).toBeGreaterThan(0);
  });

  it("names the script's top-level modules in its order", () => {
    for (const { stack } of lists) {
      const lines = code(stack);
      const classes = added(lines).map((m) => m.replace(/^nn\./, '').replace(/\(.*$/, ''));
      const top = torchLayerList({ stack, init: 'glorot' }, { images: true })
        .filter((t) => !t.path!.includes('.'))
        .flatMap((t) => t.modules.map((type, i) => `${Number(t.path) + i} ${type}`));
      expect([...new Set(top)]).toEqual(classes.map((c, i) => `${i} ${c}`));
    }
  });

  it('gives the names PyTorch gives: a padded conv, BatchNorm, GlobalAvgPool, a ResBlock inside', () => {
    const stack = 'conv(8, 5, 2) bn2d relu resblock(16, 2) resblock(16) globalavgpool';
    const tfjs = tfjsLayers(stack, MNIST);
    const names = torchNames(torchLayerList({ stack, init: 'kaiming' }, { images: true }), tfjs);
    expect(tfjs.map((l) => names[l.name])).toEqual([
      '0 Conv2d', // tfjs's ZeroPadding2D: PyTorch's padding=2 of the stride-2 conv
      '0 Conv2d',
      '1 BatchNorm2d',
      '2 ReLU',
      '3.convs.0 Conv2d',
      '3.convs.1 BatchNorm2d',
      '3.convs.2 ReLU',
      '3.convs.3 Conv2d', // its padding
      '3.convs.3 Conv2d', // the shortcut's layers beside the convs' last two (tfjs's depth from the output)
      '3.pool AvgPool2d',
      '3.convs.4 BatchNorm2d',
      '3.idconv Conv2d',
      '3 ResBlock',
      '3.act ReLU',
      '4.convs.0 Conv2d',
      '4.convs.1 BatchNorm2d',
      '4.convs.2 ReLU',
      '4.convs.3 Conv2d',
      '4.convs.4 BatchNorm2d',
      '4 ResBlock',
      '4.act ReLU',
      '5 AdaptiveAvgPool2d + 6 Flatten',
      '7 Linear',
    ]);
    const params = tfjs.flatMap((l) => l.weights).map((w) => names[w]);
    expect(params.slice(0, 6)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var']);
    expect(params).toContain('3.convs.0.weight');
    expect(params).toContain('3.idconv.bias');
    expect(params).toContain('4.convs.4.running_var');
    expect(params.slice(-2)).toEqual(['7.weight', '7.bias']);
  });

  it.each([...lists.map((l) => ({ ...l, images: true })), { name: 'mlp on rows', stack: LAYER_PRESETS[0].stack, images: false }])(
    "names every layer and weight of the builder's model: $name",
    ({ stack, images }) => {
      const m = { kind: 'layers' as const, stack, init: 'kaiming' as const };
      const model = buildModelOf(m, { ...(images ? MNIST : ROWS), seed: 1 });
      // the functional model's InputLayer is no module of PyTorch's (nor a layer of the plan)
      const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
      const names = torchNames(
        torchLayerList(m, { images }),
        layers.map((l) => ({ name: l.name, weights: l.weights.map((w) => w.name) })),
      );
      for (const l of layers) expect(names[l.name]).toBeDefined();
      for (const w of model.weights) expect(names[w.name]).toBeDefined();
      model.dispose();
    },
  );

  it('is empty for a refused list (the page then shows the tfjs names)', () => {
    expect(torchLayerList({ stack: 'nope', init: 'glorot' }, { images: true })).toEqual([]);
  });
});
