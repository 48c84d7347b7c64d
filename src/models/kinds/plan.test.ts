// Each kind's plan (shapes and parameter counts worked out by hand, no tfjs) is what tfjs builds:
// the page shows it and the memory estimate is made from it before anything is allocated.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModelOf } from './builders';
import { planModel, type ModelSetup } from './catalog';
import type { ModelIO } from './kind';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function built(m: ModelSetup, io: ModelIO) {
  const model = buildModelOf(m, { ...io, seed: 1 });
  const layers = model.layers
    .filter((l) => l.getClassName() !== 'InputLayer')
    .map((l) => ({ kind: l.getClassName(), outputShape: l.outputShape, params: l.countParams() }));
  model.dispose();
  return layers;
}

const cases: Array<[string, ModelSetup, ModelIO]> = [
  ['MLP on a table', { kind: 'mlp', layers: 2, units: 32, activation: 'relu' }, { inputs: 2, outputs: 3, imageShape: null }],
  ['MLP with no hidden layer', { kind: 'mlp', layers: 0, units: 8, activation: 'tanh' }, { inputs: 13, outputs: 1, imageShape: null }],
  ['MLP on images', { kind: 'mlp', layers: 3, units: 100, activation: 'elu' }, { inputs: 784, outputs: 10, imageShape: [28, 28, 1] }],
  ['CNN on MNIST', { kind: 'cnn', filters: 8, dense: 64 }, { inputs: 784, outputs: 10, imageShape: [28, 28, 1] }],
  ['CNN on odd-sized colour images', { kind: 'cnn', filters: 5, dense: 7 }, { inputs: 15 * 9 * 3, outputs: 4, imageShape: [15, 9, 3] }],
  [
    'Layer list on a table',
    { kind: 'layers', stack: 'linear(16) bn1d relu dropout linear(8) gelu', init: 'glorot' },
    { inputs: 2, outputs: 3, imageShape: null },
  ],
  [
    'Layer list: LeNet on MNIST',
    { kind: 'layers', stack: 'conv(8, 5) relu maxpool conv(16, 5) relu maxpool flatten linear(64) relu', init: 'kaiming' },
    { inputs: 784, outputs: 10, imageShape: [28, 28, 1] },
  ],
  [
    'Layer list: ResBlocks on odd-sized colour images',
    { kind: 'layers', stack: 'resblock(8) resblock(16, 2) conv(8, 4, 2) bn2d generalrelu globalavgpool', init: 'lsuv' },
    { inputs: 15 * 9 * 3, outputs: 4, imageShape: [15, 9, 3] },
  ],
];

describe('planModel equals the built model', () => {
  it.each(cases)('%s', (_name, m, io) => {
    expect(planModel(m, io)).toEqual(built(m, io));
  });
});
