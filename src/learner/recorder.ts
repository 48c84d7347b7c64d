import * as tf from '@tensorflow/tfjs';
import { Callback } from './callback';

// One training batch / one epoch as read back from the GPU: plain data, defined once in the protocol
// (the page receives exactly these records).
import type { BatchRecord, EpochRecord } from '../shared/records';

export type { BatchRecord, EpochRecord };

export interface RecorderListener {
  onBatches?(records: BatchRecord[]): void;
  onEpoch?(record: EpochRecord): void;
}

interface PendingLoss {
  loss: tf.Tensor;
  meta: Omit<BatchRecord, 'loss' | 'smoothLoss'>;
}

/**
 * fastai's `Recorder`: losses, smoothed loss (β = 0.98, debiased), learning rates and per-epoch
 * validation loss and metrics. Values never leave the GPU synchronously: training losses are
 * stacked and read with one `await data()` every `readEvery` batches (or `readEveryMs`), with at
 * most one read in flight, which also keeps the loop from running far ahead of the GPU.
 * Validation loss and metrics are summed on the GPU and read once per epoch.
 */
export class Recorder extends Callback {
  override order = 50;
  readEvery = 16;
  readEveryMs = 100;
  /**
   * When set, reads come in groups of at most this much GPU time (measured from the reads
   * themselves), so the loop never runs more than about twice that ahead of what it has read: a stop
   * or a NaN is acted on that soon even where a batch takes the GPU long (a CPU-emulated GPU). Null:
   * groups of `readEvery`.
   */
  maxLagMs: number | null = null;

  /** Smoothed training loss per batch: fastai's `recorder.losses` are the smoothed values too. */
  losses: number[] = [];
  /** The raw training loss of each batch. */
  rawLosses: number[] = [];
  lrs: number[] = [];
  values: EpochRecord[] = [];

  private smoothVal = 0;
  private smoothCount = 0;
  private pending: PendingLoss[] = [];
  private nRecorded = 0;
  private inflight: Promise<void> = Promise.resolve();
  private lastRead = 0;
  /** The GPU's time per training batch, from the spacing of finished reads (null: none yet). */
  private msPerBatch: number | null = null;
  private lastDoneAt = 0;
  private validSums: tf.Tensor | null = null;
  private validCount = 0;
  private epochStart = 0;
  private cancelTrain = false;
  private cancelValid = false;
  private readonly listeners = new Set<RecorderListener>();

  constructor(readonly beta = 0.98) {
    super();
  }

  subscribe(listener: RecorderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every value recorded so far has been read back. */
  async flush(): Promise<void> {
    this.readPending();
    await this.inflight;
  }

  before_fit(): void {
    this.dispose();
    this.losses = [];
    this.rawLosses = [];
    this.lrs = [];
    this.values = [];
    this.smoothVal = 0;
    this.smoothCount = 0;
    this.nRecorded = 0;
    this.inflight = Promise.resolve();
    this.lastRead = Date.now();
    this.msPerBatch = null;
  }

  before_epoch(): void {
    this.epochStart = Date.now();
    this.lastDoneAt = 0; // the time validation took says nothing of a training batch
    this.cancelTrain = false;
    this.cancelValid = false;
  }

  before_validate(): void {
    tf.dispose(this.validSums ?? []);
    this.validSums = null;
    this.validCount = 0;
  }

  async after_batch(): Promise<void> {
    const learn = this.learn!;
    if (!learn.yb.length || !learn.loss) return;
    if (!learn.training) return this.accumulateValid();
    this.pending.push({
      loss: learn.loss.clone(), // the Learner disposes its loss at the end of the batch
      meta: { epoch: learn.epoch, iter: learn.iter, trainIter: this.nRecorded++, lr: learn.opt?.hypers.lr ?? learn.lr },
    });
    const group = this.maxLagMs === null ? this.readEvery : readGroupSize(this.msPerBatch, this.maxLagMs, this.readEvery);
    if (this.pending.length >= group || Date.now() - this.lastRead >= this.readEveryMs) {
      await this.readPendingWithBackpressure();
    }
  }

  after_cancel_train(): void {
    this.cancelTrain = true;
  }

  after_cancel_validate(): void {
    this.cancelValid = true;
  }

  after_train(): void {
    this.readPending();
  }

  async after_epoch(): Promise<void> {
    this.readPending();
    const sums = this.validSums;
    this.validSums = null;
    const [validValues] = await Promise.all([sums?.data(), this.inflight]);
    sums?.dispose();
    const learn = this.learn!;
    const count = this.validCount;
    const valid = !this.cancelValid && validValues && count > 0 ? Array.from(validValues, (v) => v / count) : null;
    const record: EpochRecord = {
      epoch: learn.epoch,
      trainLoss: this.cancelTrain || !this.smoothCount ? null : this.smoothValue(),
      validLoss: valid ? valid[0] : null,
      metrics: valid ? Object.fromEntries(learn.metrics.map((m, i) => [m.name, valid[i + 1]])) : {},
      seconds: (Date.now() - this.epochStart) / 1000,
    };
    this.values.push(record);
    this.listeners.forEach((l) => l.onEpoch?.(record));
  }

  async after_fit(): Promise<void> {
    await this.flush();
  }

  override dispose(): void {
    tf.dispose(this.pending.map((p) => p.loss));
    this.pending = [];
    tf.dispose(this.validSums ?? []);
    this.validSums = null;
  }

  /** Sums [loss, ...metrics] × batch size on the GPU; fastai's AvgLoss / AvgMetric. */
  private accumulateValid(): void {
    const learn = this.learn!;
    const bs = learn.yb[0].shape[0] ?? 1;
    const prev = this.validSums;
    this.validSums = tf.tidy(() => {
      const values = [learn.loss!, ...learn.metrics.map((m) => m.fn(learn.pred!, ...learn.yb))];
      const batchSums = tf.stack(values).mul(bs);
      return prev ? prev.add(batchSums) : batchSums;
    });
    prev?.dispose();
    this.validCount += bs;
  }

  private async readPendingWithBackpressure(): Promise<void> {
    const previous = this.inflight;
    this.readPending();
    await previous; // at most one read in flight behind the one just started
  }

  /** Starts one asynchronous read of every pending loss; results are recorded in order. */
  private readPending(): void {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.lastRead = Date.now();
    const stacked = tf.stack(batch.map((p) => p.loss));
    tf.dispose(batch.map((p) => p.loss));
    const read = stacked.data().finally(() => stacked.dispose());
    this.inflight = Promise.all([this.inflight, read]).then(([, values]) => this.record(batch, values));
    this.inflight.catch(() => undefined); // the error surfaces where inflight is awaited
  }

  private record(batch: PendingLoss[], values: ArrayLike<number>): void {
    const now = Date.now();
    if (this.lastDoneAt > 0) {
      const per = (now - this.lastDoneAt) / batch.length;
      this.msPerBatch = this.msPerBatch === null ? per : 0.7 * this.msPerBatch + 0.3 * per;
    }
    this.lastDoneAt = now;
    const records = batch.map(({ meta }, i) => {
      const loss = values[i];
      this.smoothVal = this.beta * this.smoothVal + (1 - this.beta) * loss; // torch.lerp(loss, val, beta)
      this.smoothCount += 1;
      const smoothLoss = this.smoothValue();
      this.rawLosses.push(loss);
      this.losses.push(smoothLoss);
      this.lrs.push(meta.lr);
      return { ...meta, loss, smoothLoss };
    });
    if (this.learn) this.learn.smoothLoss = this.losses[this.losses.length - 1];
    this.listeners.forEach((l) => l.onBatches?.(records));
  }

  private smoothValue(): number {
    return this.smoothVal / (1 - this.beta ** this.smoothCount);
  }
}

/** How many training losses one read takes: about `maxLagMs` of GPU work, 1 to `readEvery` (1 until the GPU's pace is known). */
export function readGroupSize(msPerBatch: number | null, maxLagMs: number, readEvery: number): number {
  if (msPerBatch === null) return 1;
  if (msPerBatch <= 0) return readEvery;
  return Math.max(1, Math.min(readEvery, Math.floor(maxLagMs / msPerBatch)));
}
