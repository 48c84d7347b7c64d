import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import type { Learner } from '../../../learner';
import type { WorkerToPage } from '../../messages';
import { PicturesCallback } from './pictures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('draws the first decision boundary only once the first loss has been read (queued before it, it held the curve up)', async () => {
  const sent: WorkerToPage[] = [];
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
  const cb = new PicturesCallback((m) => sent.push(m), {
    task: 'classification',
    nClasses: 3,
    extent: { lo: -1, hi: 1 },
    images: false,
    gridSize: 4,
  });
  const recorder = { rawLosses: [] as number[] };
  const pred = tf.zeros([2, 3]);
  cb.learn = { model, pred, training: true, recorder } as unknown as Learner;
  cb.after_batch();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(sent.filter((m) => m.type === 'boundary')).toHaveLength(0);
  recorder.rawLosses.push(1.1);
  cb.after_batch();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const grids = sent.filter((m) => m.type === 'boundary');
  expect(grids).toHaveLength(1);
  expect(grids[0]).toMatchObject({ grid: { size: 4, lo: -1, hi: 1 } });
  cb.dispose();
  pred.dispose();
  model.dispose();
});
