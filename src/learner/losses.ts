import * as tf from '@tensorflow/tfjs';
import { fusedSoftmaxCrossEntropy, hasFusedCrossEntropy } from './fused-kernels';

export type LossFunc = (pred: tf.Tensor, ...yb: tf.Tensor[]) => tf.Scalar;

/** A metric averaged over samples (fastai's `AvgMetric`). */
export interface Metric {
  name: string;
  fn: (pred: tf.Tensor, ...yb: tf.Tensor[]) => tf.Scalar;
}

/**
 * Cross entropy on logits `[bs, c]` against integer labels `[bs]` (fastai's CrossEntropyLossFlat).
 * Where the backend has the fused kernels (fused-kernels.ts) it runs as one kernel forward and
 * one backward, with the same numbers up to float rounding; elsewhere as tfjs's ops.
 */
export const crossEntropyLoss: LossFunc = (pred, y) =>
  tf.tidy(() => {
    // Labels of rank 1 only: with [bs, 1] labels the ops below broadcast, and the fused kernels must give their numbers.
    if (pred.rank === 2 && pred.dtype === 'float32' && y.rank === 1 && y.size === pred.shape[0] && hasFusedCrossEntropy()) {
      return fusedSoftmaxCrossEntropy(pred as tf.Tensor2D, y.toInt() as tf.Tensor1D);
    }
    const logProbs = tf.logSoftmax(pred);
    const picked = logProbs.mul(tf.oneHot(y.toInt(), pred.shape[pred.shape.length - 1])).sum(-1);
    return picked.mean().neg() as tf.Scalar;
  });

/** Mean squared error; targets are reshaped to the prediction's shape (fastai's MSELossFlat). */
export const mseLoss: LossFunc = (pred, y) => tf.tidy(() => pred.sub(y.reshape(pred.shape)).square().mean() as tf.Scalar);

/** fastai's `accuracy`: argmax of the prediction equals the label. */
export const accuracy: Metric = {
  name: 'accuracy',
  fn: (pred, y) =>
    tf.tidy(
      () =>
        pred
          .argMax(-1)
          .equal(y.toInt().reshape([-1]))
          .toFloat()
          .mean() as tf.Scalar,
    ),
};
