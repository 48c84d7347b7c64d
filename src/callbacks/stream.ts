// StreamCallback: forwards the Recorder's records to the page through an injected
// `send`, coalesced (at most one message per `intervalMs`), and yields to the host
// event loop about as often so a worker can receive 'stop' while training.
// No DOM or worker API here: `send`, the clock and the yield are injected.
import { Callback, CancelFitException, type BatchRecord, type EpochRecord } from '../learner';
import type { CallbackOutputs } from '../shared/callback-outputs';
import type { Progress, StreamMessage } from '../shared/records';

export interface StreamOptions {
  /** Minimum time between two messages, and between two yields (ms). */
  intervalMs?: number;
  /** Clock in ms (tests inject a fake one). */
  now?: () => number;
  /** Lets the host run its queued tasks (e.g. a 'stop' message). */
  yieldToHost?: () => Promise<void>;
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class StreamCallback extends Callback {
  order = 60;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly yieldToHost: () => Promise<void>;
  private batches: BatchRecord[] = [];
  private epochs: EpochRecord[] = [];
  private unsubscribe: (() => void) | null = null;
  private lastSend = -Infinity;
  private lastYield = -Infinity;
  private lastProgress = '';
  private stopRequested = false;
  private firstAt = 0;
  /** The last training batch read back: the loop runs ahead of the reads, and progress says what is known. */
  private lastRead: { epoch: number; iter: number } | null = null;
  /**
   * What other callbacks produced (CSV text, activation records), taken at each flush and sent in
   * the same 'metrics' message; `final` at the last flush of a fit. Null: nothing new.
   */
  private readonly outputSources: Array<(final: boolean) => CallbackOutputs | null> = [];

  constructor(
    private readonly send: (msg: StreamMessage) => void,
    opts: StreamOptions = {},
  ) {
    super();
    this.intervalMs = opts.intervalMs ?? 16;
    this.now = opts.now ?? (() => performance.now());
    this.yieldToHost = opts.yieldToHost ?? defaultYield;
  }

  /** Adds a source of what other callbacks produced (see `outputSources`). */
  addOutputs(source: (final: boolean) => CallbackOutputs | null): void {
    this.outputSources.push(source);
  }

  /** Ask the running fit to stop: CancelFitException at the next batch (after_fit still runs). */
  requestStop(): void {
    this.stopRequested = true;
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  before_fit(): void {
    this.unsubscribe?.();
    this.batches = [];
    this.epochs = [];
    this.lastProgress = '';
    this.lastRead = null;
    const t = this.now();
    this.lastSend = t;
    this.lastYield = t;
    const recorder = this.learn?.recorder;
    this.unsubscribe =
      recorder?.subscribe({
        onBatches: (records) => {
          if (!this.batches.length) this.firstAt = performance.timeOrigin + performance.now();
          this.batches.push(...records);
          const last = records[records.length - 1];
          if (last) this.lastRead = { epoch: last.epoch, iter: last.iter };
        },
        onEpoch: (record) => {
          this.epochs.push(record);
        },
      }) ?? null;
    this.flush();
  }

  before_batch(): void {
    if (this.stopRequested) throw new CancelFitException();
  }

  async after_batch(): Promise<void> {
    if (this.now() - this.lastSend >= this.intervalMs) this.flush();
    if (this.now() - this.lastYield >= this.intervalMs) {
      await this.yieldToHost();
      this.lastYield = this.now();
    }
    if (this.stopRequested) throw new CancelFitException();
  }

  async after_epoch(): Promise<void> {
    await this.learn?.recorder?.flush();
    this.flush();
  }

  async after_fit(): Promise<void> {
    await this.learn?.recorder?.flush();
    this.close();
  }

  /** Sends what is buffered now: one 'metrics' message, or a 'progress' one if only that changed. */
  flush(final = false): void {
    this.lastSend = this.now();
    const progress = this.progress();
    const key = progress ? JSON.stringify(progress) : '';
    const progressChanged = key !== this.lastProgress;
    this.lastProgress = key;
    const outputs = this.takeOutputs(final);
    if (this.batches.length > 0 || this.epochs.length > 0 || outputs) {
      const msg: StreamMessage = { type: 'metrics', batches: this.batches, epochs: this.epochs, progress, firstAt: this.firstAt };
      if (outputs) msg.outputs = outputs;
      this.batches = [];
      this.epochs = [];
      this.send(msg);
    } else if (progress && progressChanged) {
      this.send({ type: 'progress', progress });
    }
  }

  private takeOutputs(final: boolean): CallbackOutputs | null {
    let merged: CallbackOutputs | null = null;
    for (const source of this.outputSources) {
      const o = source(final);
      if (o) merged = { ...(merged ?? {}), ...o };
    }
    return merged;
  }

  /** Final flush and unsubscribe; also run by the Learner when a fit ends with an error. */
  close(): void {
    this.flush(true);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  dispose(): void {
    this.close();
  }

  private progress(): Progress | null {
    const l = this.learn;
    if (!l) return null;
    // In training, iter is the last batch read back (-1: none yet this epoch), not the one queued.
    const read = this.lastRead?.epoch === l.epoch ? this.lastRead.iter : -1;
    const iter = l.training ? Math.min(l.iter, read) : l.iter;
    return { epoch: l.epoch, nEpoch: l.nEpoch, iter, nIter: l.nIter, training: l.training };
  }
}
