/** fastai's `TerminateOnNaNCallback` (order -9): stops the fit (CancelFitException) at the first non-finite training loss. */
import { Callback, CancelFitException, type BatchRecord, type Recorder } from '../learner';

/**
 * fastai checks `learn.loss` synchronously after every batch; here the loss is never read from the
 * GPU by this callback. It watches the losses the Recorder reads back asynchronously, so it stops
 * at the first batch boundary after the non-finite loss is read: up to `readEvery` + 1 batches late
 * with the Recorder's cadence (16 by default), or 1–2 batches with `prompt`, which makes the
 * Recorder read every batch during the fit (one small read per batch; restored afterwards).
 */
export class TerminateOnNaNCallback extends Callback {
  override order = -9;
  readonly prompt: boolean;
  /** Index (trainIter) of the first non-finite loss seen in this fit, or null. */
  nanAt: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private watched: Recorder | null = null;
  private savedReadEvery: number | null = null;

  constructor({ prompt = false }: { prompt?: boolean } = {}) {
    super();
    this.prompt = prompt;
  }

  before_fit(): void {
    this.release();
    this.nanAt = null;
    this.watch();
  }

  before_batch(): void {
    this.watch(); // added mid-fit
    this.check();
  }

  after_batch(): void {
    this.check();
  }

  after_fit(): void {
    this.release();
  }

  override dispose(): void {
    this.release();
  }

  private check(): void {
    if (this.nanAt !== null) throw new CancelFitException(`non-finite loss at training batch ${this.nanAt}`);
  }

  private watch(): void {
    const recorder = this.learn?.recorder;
    if (!recorder) throw new Error('TerminateOnNaNCallback needs the Recorder');
    if (this.watched === recorder) return;
    this.release();
    this.watched = recorder;
    this.unsubscribe = recorder.subscribe({ onBatches: (records) => this.onBatches(records) });
    if (this.prompt) {
      this.savedReadEvery = recorder.readEvery;
      recorder.readEvery = 1;
    }
  }

  private onBatches(records: BatchRecord[]): void {
    if (this.nanAt !== null) return;
    const bad = records.find((r) => !Number.isFinite(r.loss));
    if (bad) this.nanAt = bad.trainIter;
  }

  private release(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.watched && this.savedReadEvery !== null) this.watched.readEvery = this.savedReadEvery;
    this.savedReadEvery = null;
    this.watched = null;
  }
}
