import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldProblem } from '../../shared/params';
import { MODEL_BUILDERS, buildModelOf, type ModelBuilder } from './builders';
import {
  MODEL_KINDS,
  defaultModel,
  modelFor,
  modelProblems,
  modelSummary,
  needsProblem,
  type ModelKindId,
  type ModelSetup,
} from './catalog';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model registry', () => {
  it('has a builder for every kind of the plain catalog, and none more', () => {
    expect(Object.keys(MODEL_BUILDERS).sort()).toEqual(MODEL_KINDS.map((k) => k.kind).sort());
  });

  it('every kind: unique field keys and link keys, defaults its own rules accept', () => {
    for (const k of MODEL_KINDS) {
      const keys = k.params.map((f) => f.key);
      expect(new Set(keys).size, k.kind).toBe(keys.length);
      for (const f of k.params) expect(fieldProblem(f, f.default), `${k.kind}.${f.key}`).toBeNull();
      expect(modelProblems(defaultModel(k))).toEqual([]);
    }
  });

  it('keeps the stored shapes of saved runs and links', () => {
    expect(MODEL_KINDS.map((k) => defaultModel(k))).toEqual([
      { kind: 'mlp', layers: 2, units: 32, activation: 'relu' },
      { kind: 'cnn', filters: 8, dense: 64 },
      { kind: 'layers', stack: 'flatten linear(32) relu linear(32) relu', init: 'glorot' },
    ]);
  });

  it('summarises a model for run names and kept models', () => {
    expect(modelSummary({ kind: 'mlp', layers: 3, units: 16, activation: 'tanh' })).toBe('MLP 3 x 16 tanh');
    expect(modelSummary({ kind: 'cnn', filters: 4, dense: 32 })).toBe('CNN 4 filters, dense 32');
    expect(() => modelSummary({ kind: 'nope' })).toThrow("unknown model kind 'nope'");
  });

  it('one rule for what a kind needs: the CNN only on images, unknown data fits', () => {
    const cnn = MODEL_KINDS[1];
    expect(needsProblem(cnn, { images: false, classes: true })).toBe('CNN needs image data');
    expect(needsProblem(cnn, { images: null, classes: null })).toBeNull();
    expect(needsProblem(MODEL_KINDS[0], { images: false, classes: false })).toBeNull();
    expect(modelFor({ kind: 'cnn', filters: 2, dense: 3 }, { images: false, classes: true }).kind).toBe('mlp');
  });

  it('builds each kind at its defaults with the parameter count computed by hand', () => {
    const mlp = buildModelOf(defaultModel(MODEL_KINDS[0]) as ModelSetup, { inputs: 2, outputs: 3, imageShape: null, seed: 1 });
    // 2 -> 32 -> 32 -> 3, weights and biases
    expect(mlp.countParams()).toBe(2 * 32 + 32 + 32 * 32 + 32 + 32 * 3 + 3);
    mlp.dispose();
    const cnn = buildModelOf(defaultModel(MODEL_KINDS[1]) as ModelSetup, { inputs: 784, outputs: 10, imageShape: [28, 28, 1], seed: 1 });
    // conv 5x5x1x8, conv 5x5x8x16, dense (7*7*16 -> 64), dense (64 -> 10)
    expect(cnn.countParams()).toBe(5 * 5 * 8 + 8 + 5 * 5 * 8 * 16 + 16 + 7 * 7 * 16 * 64 + 64 + 64 * 10 + 10);
    cnn.dispose();
  });
});

// The builder map's type: a kind of the catalog without a builder does not compile.
type Builders = { [K in ModelKindId]: ModelBuilder<Extract<ModelSetup, { kind: K }>> };
// @ts-expect-error the CNN has no builder here
export const missingBuilder: Builders = { mlp: MODEL_BUILDERS.mlp };
