/** fastai's `GradientClip` (order 11, after MixedPrecision's 10): scales all gradients so their global L2 norm is at most `maxNorm`. */
import * as tf from '@tensorflow/tfjs';
import { Callback } from '../learner';
import type { GradClipEpochData } from '../shared/callback-outputs';

export type GradClipEpoch = GradClipEpochData;

/**
 * PyTorch's `clip_grad_norm_`, at before_step: the norm is over all gradients together, as if
 * concatenated; every gradient is multiplied by min(1, maxNorm / (norm + 1e-6)). Computed on the
 * device; `learn.grads` is replaced and the old tensors disposed.
 *
 * Feedback without stalling the loop: each step adds [clipped, norm, norm after] to a sum and
 * [norm, norm after] to a running max on the device; the two small tensors are read with one
 * `await data()` per epoch (started at after_train, awaited at after_epoch) into `epochs`.
 */
export class GradientClip extends Callback {
  override order = 11;
  /** One record per epoch of the last fit in which gradients were clipped or checked. */
  epochs: GradClipEpoch[] = [];
  private sums: tf.Tensor | null = null;
  private maxes: tf.Tensor | null = null;
  private batches = 0;
  private inflight: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(epoch: GradClipEpoch) => void>();

  constructor(readonly maxNorm = 1) {
    super();
  }

  /** Called with each epoch's record as it is read back; returns the unsubscribe function. */
  subscribe(listener: (epoch: GradClipEpoch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  before_fit(): void {
    this.dispose();
    this.epochs = [];
    this.inflight = Promise.resolve();
  }

  before_step(): void {
    const learn = this.learn!;
    const grads = learn.grads;
    if (!grads || grads.length === 0) return;
    const { sums, maxes } = this;
    const out = tf.tidy(() => {
      const norm = tf.addN(grads.map((g) => g.square().sum())).sqrt();
      const coef = tf.minimum(tf.scalar(1), tf.scalar(this.maxNorm).div(norm.add(1e-6)));
      const after = norm.mul(coef);
      const row = tf.stack([coef.less(1).cast('float32'), norm, after]);
      const peak = tf.stack([norm, after]);
      return {
        grads: grads.map((g) => g.mul(coef)),
        sums: sums ? sums.add(row) : row,
        maxes: maxes ? maxes.maximum(peak) : peak,
      };
    });
    tf.dispose([...grads, ...(sums ? [sums] : []), ...(maxes ? [maxes] : [])]);
    learn.grads = out.grads;
    this.sums = out.sums;
    this.maxes = out.maxes;
    this.batches += 1;
  }

  after_train(): void {
    this.readPending();
  }

  async after_epoch(): Promise<void> {
    this.readPending(); // a training phase cancelled past its after_train
    await this.inflight;
  }

  async after_fit(): Promise<void> {
    await this.flush();
  }

  /** Resolves once every step so far has been read back. */
  async flush(): Promise<void> {
    this.readPending();
    await this.inflight;
  }

  override dispose(): void {
    tf.dispose([this.sums, this.maxes].filter((t): t is tf.Tensor => t !== null));
    this.sums = null;
    this.maxes = null;
    this.batches = 0;
  }

  private readPending(): void {
    const { sums, maxes, batches } = this;
    if (!sums || !maxes || batches === 0) return;
    const epoch = this.learn?.epoch ?? 0;
    this.sums = null;
    this.maxes = null;
    this.batches = 0;
    const packed = tf.concat([sums, maxes]);
    tf.dispose([sums, maxes]);
    const read = packed.data().finally(() => packed.dispose());
    this.inflight = Promise.all([this.inflight, read]).then(([, v]) => this.record(epoch, batches, v as Float32Array));
    this.inflight.catch(() => undefined); // surfaces where inflight is awaited
  }

  private record(epoch: number, batches: number, v: Float32Array): void {
    const e: GradClipEpoch = {
      epoch,
      batches,
      clipped: Math.round(v[0]),
      meanNorm: v[1] / batches,
      meanNormAfter: v[2] / batches,
      maxNorm: v[3],
      maxNormAfter: v[4],
    };
    this.epochs.push(e);
    this.listeners.forEach((l) => l(e));
  }
}
