import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMlp } from './mlp';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildMlp', () => {
  it('maps [bs, inputs] to logits [bs, outputs] through the hidden layers', () => {
    const model = buildMlp({ inputs: 2, hidden: [16, 8], activation: 'relu', outputs: 3, seed: 1 });
    expect(model.layers.map((l) => (l.getConfig() as { units: number }).units)).toEqual([16, 8, 3]);
    expect(model.layers.map((l) => (l.getConfig() as { activation: string }).activation)).toEqual(['relu', 'relu', 'linear']);
    expect(model.countParams()).toBe(2 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3);
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => model.predict(tf.zeros([5, 2])) as tf.Tensor);
    expect(y.shape).toEqual([5, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('outputs raw logits (rows do not sum to 1)', async () => {
    const model = buildMlp({ inputs: 2, hidden: [], activation: 'tanh', outputs: 4, seed: 3 });
    const y = model.predict(tf.tensor2d([[3, -2]])) as tf.Tensor;
    const sum = (await y.sum().data())[0];
    expect(Math.abs(sum - 1)).toBeGreaterThan(1e-3);
    model.dispose();
  });

  it('is reproducible with a seed', async () => {
    const w = async (seed: number) => {
      const m = buildMlp({ inputs: 2, hidden: [4], activation: 'relu', outputs: 2, seed });
      const v = Array.from(await m.getWeights()[0].data());
      m.dispose();
      return v;
    };
    expect(await w(9)).toEqual(await w(9));
    expect(await w(9)).not.toEqual(await w(10));
  });
});

describe('buildMlp on images', () => {
  it('flattens [bs, h, w, c] first', () => {
    const model = buildMlp({ inputs: 12, hidden: [4], activation: 'relu', outputs: 2, seed: 1, imageShape: [3, 4, 1] });
    expect(model.layers.map((l) => l.getClassName())).toEqual(['Flatten', 'Dense', 'Dense']);
    const y = tf.tidy(() => model.predict(tf.zeros([2, 3, 4, 1])) as tf.Tensor);
    expect(y.shape).toEqual([2, 2]);
    y.dispose();
    model.dispose();
  });
});
