/** fastai's `GradientClip` (order 11, after MixedPrecision's 10): scales all gradients so their global L2 norm is at most `maxNorm`. */
import * as tf from '@tensorflow/tfjs';
import { Callback } from '../learner';

/**
 * PyTorch's `clip_grad_norm_`, at before_step: the norm is over all gradients together, as if
 * concatenated; every gradient is multiplied by min(1, maxNorm / (norm + 1e-6)). Computed on the
 * device without reading anything back; `learn.grads` is replaced and the old tensors disposed.
 */
export class GradientClip extends Callback {
  override order = 11;

  constructor(readonly maxNorm = 1) {
    super();
  }

  before_step(): void {
    const learn = this.learn!;
    const grads = learn.grads;
    if (!grads || grads.length === 0) return;
    learn.grads = tf.tidy(() => {
      const sq = tf.addN(grads.map((g) => g.square().sum()));
      const coef = tf.minimum(tf.scalar(1), tf.scalar(this.maxNorm).div(sq.sqrt().add(1e-6)));
      return grads.map((g) => g.mul(coef));
    });
    tf.dispose(grads);
  }
}
