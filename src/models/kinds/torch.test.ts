// Each kind's PyTorch names follow the nn.Sequential of its exported fastai script, module by module,
// and cover every layer and weight of the tfjs model its builder makes.
import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModelOf, modelLayers, modelNamesOf } from './builders';
import { MODEL_KINDS, modelKindOf, modelValues, type ModelSetup } from './catalog';
import type { AnyModelSetup } from './kind';

/** The module classes of the script's `nn.Sequential(...)`, in order: ['Flatten', 'Linear', 'ReLU', …]. */
function sequentialModules(lines: string[]): string[] {
  const code = lines.join('\n');
  const start = code.indexOf('nn.Sequential(') + 'nn.Sequential('.length;
  let depth = 1;
  let end = start;
  while (depth > 0) {
    const ch = code[end++];
    if (ch === '(') depth++;
    if (ch === ')') depth--;
  }
  const modules: string[] = [];
  depth = 0;
  let part = '';
  for (const ch of code.slice(start, end - 1) + ',') {
    if (ch === ',' && depth === 0) {
      if (part.trim()) modules.push(part.trim().match(/^nn\.(\w+)\(/)![1]);
      part = '';
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    part += ch;
  }
  return modules;
}

const SETUPS: { m: ModelSetup; images: boolean }[] = [
  { m: { kind: 'mlp', layers: 2, units: 32, activation: 'relu' }, images: false },
  { m: { kind: 'mlp', layers: 0, units: 8, activation: 'tanh' }, images: false },
  { m: { kind: 'mlp', layers: 3, units: 4, activation: 'linear' }, images: true },
  { m: { kind: 'mlp', layers: 1, units: 4, activation: 'elu' }, images: true },
  { m: { kind: 'cnn', filters: 4, dense: 16 }, images: true },
];

describe('PyTorch names of the model kinds', () => {
  it('every kind is covered here', () => {
    // the layer list's script builds its Sequential from a list (`nn.Sequential(*mods)`): its modules are
    // checked against its own script in src/models/layers/layer-list-fastai.test.ts, its names below
    expect(new Set([...SETUPS.map((s) => s.m.kind), 'layers'])).toEqual(new Set(MODEL_KINDS.map((k) => k.kind)));
  });

  it.each([
    ['conv(4, 3, 2) bn2d relu resblock(6, 2) globalavgpool', true],
    ['flatten linear(8) bn1d generalrelu dropout', false],
  ] as const)('name every layer and weight of a layer list: %s', (stack, images) => {
    const m = { kind: 'layers', stack, init: 'kaiming' } as ModelSetup;
    const model = buildModelOf(m, { inputs: images ? 64 : 2, outputs: 3, imageShape: images ? [8, 8, 1] : null, seed: 1 });
    const names = modelNamesOf(m, images, model);
    for (const l of modelLayers(model)) expect(names[l.name], l.name).toBeDefined();
    for (const w of model.weights) expect(names[w.name], w.name).toBeDefined();
    model.dispose();
  });

  it.each(SETUPS)("match the exported script's nn.Sequential: $m.kind, images $images", ({ m, images }) => {
    const kind = modelKindOf(m);
    const values = modelValues(m) as AnyModelSetup;
    const modules = kind.torch(values, { images }).flatMap((l) => l.modules);
    expect(modules).toEqual(sequentialModules(kind.fastai(values, { images })));
  });

  it.each(SETUPS)('name every layer and weight of the built model: $m.kind, images $images', ({ m, images }) => {
    const model = buildModelOf(m, { inputs: images ? 64 : 2, outputs: 3, imageShape: images ? [8, 8, 1] : null, seed: 1 });
    const names = modelNamesOf(m, images, model);
    for (const l of model.layers) expect(names[l.name]).toBeDefined();
    for (const w of model.weights) expect(names[w.name]).toBeDefined();
    model.dispose();
  });

  it('give the names PyTorch gives: the default MLP on rows, an MLP on images, the CNN', () => {
    const names = (m: ModelSetup, images: boolean) => {
      const model = buildModelOf(m, { inputs: images ? 64 : 2, outputs: 3, imageShape: images ? [8, 8, 1] : null, seed: 1 });
      const n = modelNamesOf(m, images, model);
      const out = {
        layers: model.layers.map((l) => n[l.name]),
        params: model.trainableWeights.map((w) => n[(w.read() as tf.Variable).name]),
      };
      model.dispose();
      return out;
    };
    // nn.Sequential(nn.Flatten(), nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, n_out))
    expect(names({ kind: 'mlp', layers: 2, units: 32, activation: 'relu' }, false)).toEqual({
      layers: ['1 Linear + 2 ReLU', '3 Linear + 4 ReLU', '5 Linear'],
      params: ['1.weight', '1.bias', '3.weight', '3.bias', '5.weight', '5.bias'],
    });
    expect(names({ kind: 'mlp', layers: 1, units: 4, activation: 'linear' }, true)).toEqual({
      layers: ['0 Flatten', '1 Linear + 2 Identity', '3 Linear'],
      params: ['1.weight', '1.bias', '3.weight', '3.bias'],
    });
    expect(names({ kind: 'cnn', filters: 4, dense: 16 }, true)).toEqual({
      layers: ['0 Conv2d + 1 ReLU', '2 MaxPool2d', '3 Conv2d + 4 ReLU', '5 MaxPool2d', '6 Flatten', '7 Linear + 8 ReLU', '9 Linear'],
      params: ['0.weight', '0.bias', '3.weight', '3.bias', '7.weight', '7.bias', '9.weight', '9.bias'],
    });
  });
});
