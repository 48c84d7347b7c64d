// Weight decay and a layer list's BatchNorm, one SGD step checked by hand: the page's Learner leaves
// BatchNorm's scale alone unless "weight decay on biases and BatchNorm too" (fastai's wd_bn_bias) is on.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner, SGD, type Batch } from '../learner';
import { layerListBuilder } from './layer-list-builder';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a layer list with BatchNorm under weight decay', () => {
  // linear(3) bn1d, then the head Linear(3 → 1). The loss is the sum of the outputs, so the gradient of
  // BN's gamma is (head weight) · Σ x̂ over the batch = 0 exactly (x̂ is centred over the batch):
  // after one SGD step (lr 0.1, decoupled wd 0.1) gamma is 1 (no decay), or 1 · (1 − 0.1 · 0.1) = 0.99.
  for (const wdBnBias of [false, true]) {
    it(`gamma after one step: ${wdBnBias ? '0.99 (decayed)' : '1 (not decayed)'}`, async () => {
      const model = layerListBuilder(
        { kind: 'layers', stack: 'linear(3) bn1d', init: 'kaiming' },
        { inputs: 2, outputs: 1, imageShape: null, seed: 4 },
      );
      const x = tf.tensor2d([
        [1, 2],
        [-1, 0.5],
        [0.3, -2],
        [2, 1],
      ]);
      const batch: Batch = [x, tf.zeros([4, 1])];
      const sumLoss = (pred: tf.Tensor) => pred.sum() as tf.Scalar;
      const learn = new Learner({ train: [batch], valid: [] }, model, { lossFunc: sumLoss, optFunc: SGD, lr: 0.1, wd: 0.1, wdBnBias });
      await learn.fit(1);
      const bn = model.layers.find((l) => l.getClassName() === 'BatchNormalization')!;
      const gamma = Array.from(await bn.getWeights()[0].data());
      for (const g of gamma) expect(g).toBeCloseTo(wdBnBias ? 0.99 : 1, 5);
      learn.opt?.dispose();
      model.dispose();
      tf.dispose(batch);
    });
  }
});
