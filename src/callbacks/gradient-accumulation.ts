/** fastai's `GradientAccumulation` (order 6): steps the optimizer once every `nAcc` samples, with gradients averaged as one big batch. */
import * as tf from '@tensorflow/tfjs';
import { Callback, CancelBatchException } from '../learner';

/**
 * Until `nAcc` samples have been seen, raises CancelBatchException at before_step, which skips the
 * step and the zeroing of the gradients, so the Learner adds the next batch's gradients to them.
 *
 * fastai also scales each batch's loss gradient by bs/nAcc (so the sum equals one batch of nAcc).
 * tfjs has already computed the gradients when the events run, so the same sum Σ (bsᵢ/nAcc)·gᵢ is
 * built here instead: the held sum is kept divided by the current batch's weight bs/nAcc (rescaled
 * at before_backward only when the batch size changes), and multiplied by it at the real step.
 * The recorded loss is each batch's own loss, as fastai logs it.
 */
export class GradientAccumulation extends Callback {
  override order = 6;
  override runValid = false;
  /** Samples counted since the last step. */
  count = 0;
  private heldWeight: number | null = null;

  constructor(readonly nAcc = 32) {
    super();
  }

  before_fit(): void {
    this.count = 0;
    this.heldWeight = null;
  }

  before_backward(): void {
    const learn = this.learn!;
    const w = this.weight();
    if (learn.grads && this.heldWeight !== null && this.heldWeight !== w) this.scaleGrads(this.heldWeight / w);
  }

  before_step(): void {
    const w = this.weight();
    this.count += this.batchSize();
    if (this.count < this.nAcc) {
      this.heldWeight = w;
      throw new CancelBatchException('accumulating gradients');
    }
    this.count = 0;
    this.heldWeight = null;
    this.scaleGrads(w);
  }

  /**
   * Removed while gradients are held: leave them as fastai would have them, Σ (bsᵢ/nAcc)·gᵢ, for
   * the Learner to add the next batch to and step.
   */
  override dispose(): void {
    if (this.heldWeight !== null && this.learn?.grads) this.scaleGrads(this.heldWeight);
    this.heldWeight = null;
    this.count = 0;
  }

  private batchSize(): number {
    return this.learn!.yb[0]?.shape[0] ?? 1; // fastai's find_bs
  }

  private weight(): number {
    return this.batchSize() / this.nAcc;
  }

  private scaleGrads(factor: number): void {
    const learn = this.learn!;
    const grads = learn.grads;
    if (!grads || factor === 1) return;
    learn.grads = tf.tidy(() => grads.map((g) => g.mul(factor)));
    tf.dispose(grads);
  }
}
