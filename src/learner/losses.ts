import * as tf from '@tensorflow/tfjs';

export type LossFunc = (pred: tf.Tensor, ...yb: tf.Tensor[]) => tf.Scalar;

/** A metric averaged over samples (fastai's `AvgMetric`). */
export interface Metric {
  name: string;
  fn: (pred: tf.Tensor, ...yb: tf.Tensor[]) => tf.Scalar;
}

/** Cross entropy on logits `[bs, c]` against integer labels `[bs]` (fastai's CrossEntropyLossFlat). */
export const crossEntropyLoss: LossFunc = (pred, y) =>
  tf.tidy(() => {
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
