/** fastai's `MixHandler`: the base of MixUp and CutMix, which swaps in a mixed loss for the training phase and always restores it. */
import * as tf from '@tensorflow/tfjs';
import { Callback, crossEntropyLoss, type LossFunc } from '../learner';
import { mulberry32, type Rng } from './beta';

/** A loss per sample, shape [bs] (fastai's `NoneReduce`). */
export type PerSampleLoss = (pred: tf.Tensor, ...yb: tf.Tensor[]) => tf.Tensor;

/** Per-sample cross entropy on logits against class ids: crossEntropyLoss before its mean. */
export const perSampleCrossEntropy: PerSampleLoss = (pred, y) =>
  tf.tidy(() => {
    const nClasses = pred.shape[pred.shape.length - 1];
    return tf
      .logSoftmax(pred)
      .mul(tf.oneHot(y.toInt().reshape([-1]), nClasses))
      .sum(-1)
      .neg();
  });

/**
 * Losses on class ids (fastai's `y_int`), with their per-sample form. With one of these the targets
 * cannot be mixed, so the loss is: mixed per sample, λ·L(pred, y) + (1 − λ)·L(pred, y_shuffled).
 * Any other loss (e.g. MSE) gets mixed targets instead and is left alone.
 */
export const CLASS_ID_LOSSES: ReadonlyMap<LossFunc, PerSampleLoss> = new Map([[crossEntropyLoss, perSampleCrossEntropy]]);

/**
 * Swaps `learn.lossFunc` for the mixed loss at before_train (or at the first training batch when
 * added mid-epoch) and puts the original back at after_train, after_cancel_train, after_cancel_fit,
 * and in `dispose()`, which the Learner calls when a fit fails and when the callback is removed:
 * so the original loss comes back on every exit path. Subclasses mix `xb`/`yb` in `before_batch`
 * by assigning new tensors (the Learner disposes those); `yb1` and `lam` are disposed at after_batch.
 */
export abstract class MixHandler extends Callback {
  override runValid = false;
  protected rng: Rng;
  /** Whether the loss is mixed (class-id targets) rather than the targets (fastai's `stack_y`). */
  protected stackY = false;
  /** Shuffled targets and mixing weights of the current batch, for the mixed loss. */
  protected yb1: tf.Tensor[] = [];
  protected lam: tf.Tensor | null = null;
  private oldLossFunc: LossFunc | null = null;
  private perSample: PerSampleLoss | null = null;

  constructor(
    readonly alpha: number,
    readonly seed = 0,
  ) {
    super();
    this.rng = mulberry32(seed);
  }

  before_fit(): void {
    this.rng = mulberry32(this.seed); // the same mixes for the same seed, fit after fit
  }

  before_train(): void {
    this.swapIn();
  }

  before_batch(): void {
    if (!this.learn!.training) return;
    if (this.oldLossFunc === null) this.swapIn(); // added while training
    this.mix();
  }

  after_batch(): void {
    this.freeBatch();
  }

  after_train(): void {
    this.restore();
  }

  after_cancel_train(): void {
    this.restore();
  }

  after_cancel_fit(): void {
    this.restore();
  }

  override dispose(): void {
    this.restore();
    this.freeBatch();
  }

  /** Mixes `learn.xb` (and `learn.yb` unless stackY), setting `yb1` and `lam`. */
  protected abstract mix(): void;

  /** `a + w·(b − a)` with w broadcast over the trailing dimensions of b (torch.lerp). */
  protected lerp(a: tf.Tensor, b: tf.Tensor, w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const weight = w.rank === 0 ? w : w.reshape([w.shape[0], ...new Array<number>(b.rank - 1).fill(1)]);
      return a.add(b.toFloat().sub(a.toFloat()).mul(weight));
    });
  }

  private readonly mixedLoss: LossFunc = (pred, ...yb) => {
    const old = this.oldLossFunc!;
    if (!this.learn?.training || !this.lam || !this.perSample) return old(pred, ...yb);
    const perSample = this.perSample;
    return tf.tidy(() => this.lerp(perSample(pred, ...this.yb1), perSample(pred, ...yb), this.lam!).mean() as tf.Scalar);
  };

  private swapIn(): void {
    const learn = this.learn!;
    if (this.oldLossFunc !== null) return;
    this.perSample = CLASS_ID_LOSSES.get(learn.lossFunc) ?? null;
    this.stackY = this.perSample !== null;
    if (!this.stackY) return;
    this.oldLossFunc = learn.lossFunc;
    learn.lossFunc = this.mixedLoss;
  }

  private restore(): void {
    if (this.oldLossFunc !== null && this.learn) this.learn.lossFunc = this.oldLossFunc;
    this.oldLossFunc = null;
  }

  private freeBatch(): void {
    tf.dispose([...this.yb1, ...(this.lam ? [this.lam] : [])]);
    this.yb1 = [];
    this.lam = null;
  }
}
