/** fastai's `GradientAccumulation` (order 6): steps the optimizer once every `nAcc` samples, with gradients averaged as one big batch. */
import { Callback, CancelBatchException } from '../learner';

/**
 * Until `nAcc` samples have been seen, raises CancelBatchException at before_step, which skips the
 * step and the zeroing of the gradients, so the Learner adds the next batch's gradients to them.
 *
 * As fastai's `loss_grad /= n_acc/bs` at after_loss, each batch's loss gradient is scaled by
 * bs/nAcc before backward publishes it, so from after_backward on `learn.grads` holds what
 * fastai's `.grad` holds, Σ (bsᵢ/nAcc)·gᵢ, and the real step uses it as it is. The recorded loss
 * is each batch's own loss, as fastai logs it.
 */
export class GradientAccumulation extends Callback {
  override order = 6;
  override runValid = false;
  /** Samples counted since the last step. */
  count = 0;

  constructor(readonly nAcc = 32) {
    super();
  }

  before_fit(): void {
    this.count = 0;
  }

  after_loss(): void {
    this.learn!.scaleLossGrad(this.batchSize() / this.nAcc);
  }

  before_step(): void {
    this.count += this.batchSize();
    if (this.count < this.nAcc) throw new CancelBatchException('accumulating gradients');
    this.count = 0;
  }

  private batchSize(): number {
    return this.learn!.yb[0]?.shape[0] ?? 1; // fastai's find_bs
  }
}
