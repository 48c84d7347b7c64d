// The memory estimate against what tfjs itself measures: tf.profile's peak bytes over one
// training step of the real Learner (CPU backend), for tables and images, small and large.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClassificationDataset } from '../../../data/dataset';
import { planModel } from '../../../models/kinds/catalog';
import { estimateMemory } from '../../../shared/memory';
import type { Setup } from '../messages';
import { buildLearnerFor } from './build';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function images(n: number, shape: [number, number, number], classes: number): ClassificationDataset {
  const nFeatures = shape[0] * shape[1] * shape[2];
  const x = Float32Array.from({ length: n * nFeatures }, (_, i) => (i % 7) / 7);
  const y = Int32Array.from({ length: n }, (_, i) => i % classes);
  return { task: 'classification', x, y, nFeatures, nClasses: classes, imageShape: shape };
}

function table(n: number, features: number, classes: number): ClassificationDataset {
  const x = Float32Array.from({ length: n * features }, (_, i) => ((i * 13) % 11) / 11);
  const y = Int32Array.from({ length: n }, (_, i) => i % classes);
  return { task: 'classification', x, y, nFeatures: features, nClasses: classes };
}

const base = { optimizer: 'adam', momentum: 0.9, lr: 0.01, wd: 0, epochs: 1 } as const;
const dataset = { kind: 'user', seed: 0, validPct: 0.2 } as const;

/** tf.profile's peak over one epoch of one batch, and the estimate for the same run (data excluded: it is not in tensors). */
async function measure(setup: Setup, data: ClassificationDataset): Promise<{ peak: number; estimate: number }> {
  const split = { name: 't', full: data, train: data, valid: data };
  const io = { inputs: data.nFeatures, outputs: data.nClasses, imageShape: data.imageShape ?? null };
  const estimate = estimateMemory(planModel(setup.model, io), { ...setup, inputs: data.nFeatures, dataBytes: 0 }).total;
  const before = tf.memory().numBytes;
  const info = await tf.profile(async () => {
    const built = buildLearnerFor(setup, split, []);
    await built.learn.fit(1);
    built.dispose();
  });
  return { peak: info.peakBytes - before, estimate };
}

describe('estimateMemory is within a factor of 1.5 of the measured peak', () => {
  const cases: Array<[string, Setup, ClassificationDataset]> = [
    [
      'CNN on MNIST-sized images, batch 16',
      { ...base, dataset, batchSize: 16, model: { kind: 'cnn', filters: 8, dense: 64 } } as Setup,
      images(16, [28, 28, 1], 10),
    ],
    [
      'MLP 6 x 512 on a wide table',
      { ...base, dataset, batchSize: 64, model: { kind: 'mlp', layers: 6, units: 512, activation: 'relu' } } as Setup,
      table(64, 1000, 5),
    ],
    [
      'MLP 2 x 512, batch 512, SGD',
      { ...base, optimizer: 'sgd', dataset, batchSize: 512, model: { kind: 'mlp', layers: 2, units: 512, activation: 'tanh' } } as Setup,
      table(512, 100, 3),
    ],
  ];
  it.each(cases)(
    '%s',
    async (_name, setup, data) => {
      const { peak, estimate } = await measure(setup, data);
      console.log(
        `${_name}: estimate ${(estimate / 2 ** 20).toFixed(1)} MB, tf.profile peak ${(peak / 2 ** 20).toFixed(1)} MB, ratio ${(estimate / peak).toFixed(2)}`,
      );
      expect(estimate / peak).toBeGreaterThan(1 / 1.5);
      expect(estimate / peak).toBeLessThan(1.5);
    },
    60_000,
  );
});
