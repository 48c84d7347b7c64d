// Times a Learner's training batches after a warm-up (shader compiles, first allocations), then
// ends the fit: the samples/s a backend reaches on one setup. Validation is skipped.
import { Callback, CancelFitException, CancelValidException } from '../../../learner';

export interface ProbeOptions {
  /** Batches run before the clock starts (it starts when the last of them is done). */
  warmup?: number;
  /** Most batches timed. */
  maxBatches?: number;
  /** Time after which the timing ends at the next batch (ms). */
  budgetMs?: number;
  now?: () => number;
}

export class SpeedProbe extends Callback {
  order = 100;
  private readonly warmup: number;
  private readonly maxBatches: number;
  private readonly budgetMs: number;
  private readonly now: () => number;
  private seen = 0;
  private samples = 0;
  private t0 = 0;
  /** Training samples per second, once the probe ended the fit. */
  samplesPerSecond: number | null = null;

  constructor(opts: ProbeOptions = {}) {
    super();
    this.warmup = opts.warmup ?? 1;
    this.maxBatches = opts.maxBatches ?? 20;
    this.budgetMs = opts.budgetMs ?? 1500;
    this.now = opts.now ?? (() => performance.now());
  }

  before_validate(): void {
    throw new CancelValidException();
  }

  async after_batch(): Promise<void> {
    const learn = this.learn!;
    this.seen++;
    const timed = this.seen - this.warmup;
    if (timed < 0) return;
    // The loss read waits for the GPU: the clock measures work done, not work queued.
    await learn.loss?.data();
    if (timed === 0) {
      this.t0 = this.now();
      return;
    }
    this.samples += learn.xb[0]?.shape[0] ?? 0;
    const ms = this.now() - this.t0;
    if (timed >= this.maxBatches || ms >= this.budgetMs) {
      this.samplesPerSecond = ms > 0 ? (this.samples * 1000) / ms : null;
      throw new CancelFitException();
    }
  }
}
