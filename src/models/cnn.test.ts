import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn } from './cnn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildCnn', () => {
  it('maps [bs, h, w, c] images to logits [bs, outputs], LeNet-style', () => {
    const model = buildCnn({ imageShape: [8, 8, 1], filters: 2, dense: 6, outputs: 3, seed: 1 });
    expect(model.layers.map((l) => l.getClassName())).toEqual([
      'Conv2D',
      'MaxPooling2D',
      'Conv2D',
      'MaxPooling2D',
      'Flatten',
      'Dense',
      'Dense',
    ]);
    expect(model.layers.map((l) => l.outputShape)).toEqual([
      [null, 8, 8, 2],
      [null, 4, 4, 2],
      [null, 4, 4, 4],
      [null, 2, 2, 4],
      [null, 16],
      [null, 6],
      [null, 3],
    ]);
    const conv1 = 5 * 5 * 1 * 2 + 2;
    const conv2 = 5 * 5 * 2 * 4 + 4;
    expect(model.countParams()).toBe(conv1 + conv2 + 16 * 6 + 6 + 6 * 3 + 3);
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => model.predict(tf.zeros([2, 8, 8, 1])) as tf.Tensor);
    expect(y.shape).toEqual([2, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('is reproducible with a seed and refuses images too small to pool twice', async () => {
    const w = async (seed: number) => {
      const m = buildCnn({ imageShape: [4, 4, 1], filters: 1, dense: 2, outputs: 2, seed });
      const v = Array.from(await m.getWeights()[0].data());
      m.dispose();
      return v;
    };
    expect(await w(5)).toEqual(await w(5));
    expect(await w(5)).not.toEqual(await w(6));
    expect(() => buildCnn({ imageShape: [3, 8, 1], filters: 1, dense: 2, outputs: 2 })).toThrow(/at least 4x4/);
  });
});
