// Test helpers for src/callbacks (not a test file itself): tiny learners with scripted losses and metrics.
import * as tf from '@tensorflow/tfjs';
import { makeLearner } from '../learner/fixtures.test.util';
import { crossEntropyLoss, type Learner, type LossFunc } from '../learner';

/**
 * A tiny learner (2 train batches, 1 valid batch) whose validation loss and 'score' metric follow
 * scripts (one value per epoch); training uses the real cross entropy.
 */
export function scriptedLearner(validLosses: number[], scores: number[] = validLosses): Learner {
  let v = 0;
  let s = 0;
  const learn = makeLearner({ trainBatches: 2, validBatches: 1 });
  learn.lossFunc = (pred, y) =>
    learn.training ? crossEntropyLoss(pred, y) : tf.tidy(() => pred.sum().mul(0).add(validLosses[v++]) as tf.Scalar);
  learn.metrics = [{ name: 'score', fn: (pred) => tf.tidy(() => pred.sum().mul(0).add(scores[s++]) as tf.Scalar) }];
  return learn;
}

/** A loss whose values are scripted, call after call (its gradient is zero): pred·0 + next value. */
export function scriptedLoss(values: number[]): LossFunc {
  let i = 0;
  return (pred) =>
    tf.tidy(
      () =>
        pred
          .sum()
          .mul(0)
          .add(values[Math.min(i++, values.length - 1)]) as tf.Scalar,
    );
}
