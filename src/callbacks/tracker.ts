/** fastai's `TrackerCallback` (order 60, after the Recorder): keeps the best value of a monitored quantity across epochs. */
import { Callback, type EpochRecord, type Learner } from '../learner';
import { LRFinder } from './lr-finder';

export type Comparison = 'less' | 'greater';

export interface TrackerOptions {
  /** 'valid_loss' (default), 'train_loss', or the name of a metric. */
  monitor?: string;
  /** 'less' for losses and errors, 'greater' otherwise (fastai's default from the name). */
  comp?: Comparison;
  /** Minimum change that counts as an improvement. */
  minDelta?: number;
  /** Forget the best value at the start of each fit. */
  resetOnFit?: boolean;
}

/** The monitored value of an epoch row, or null when that epoch has none (e.g. validation was skipped). */
export function monitoredValue(record: EpochRecord, monitor: string): number | null {
  if (monitor === 'train_loss') return record.trainLoss;
  if (monitor === 'valid_loss') return record.validLoss;
  return record.metrics[monitor] ?? null;
}

/** The names a tracker can monitor on this Learner (fastai's `recorder.metric_names[1:-1]`). */
export function monitorNames(learn: Learner): string[] {
  return ['train_loss', 'valid_loss', ...learn.metrics.map((m) => m.name)];
}

/**
 * Reads `learn.recorder.values` at after_epoch, once the Recorder (order 50) has pushed this epoch's
 * row; sets `best` and `newBest`. An epoch without the monitored value (validation cancelled) is
 * not an improvement. Mute during an LR-finder run, as fastai.
 */
export class TrackerCallback extends Callback {
  override order = 60;
  readonly monitor: string;
  readonly comp: Comparison;
  /** Signed as fastai stores it: negative when lower is better. */
  readonly minDelta: number;
  readonly resetOnFit: boolean;
  best: number | null = null;
  newBest = false;

  constructor({ monitor = 'valid_loss', comp, minDelta = 0, resetOnFit = true }: TrackerOptions = {}) {
    super();
    this.monitor = monitor;
    this.comp = comp ?? (monitor.includes('loss') || monitor.includes('error') ? 'less' : 'greater');
    this.minDelta = this.comp === 'less' ? -Math.abs(minDelta) : Math.abs(minDelta);
    this.resetOnFit = resetOnFit;
  }

  before_fit(): void {
    const learn = this.learn!;
    this.run = !learn.cbs.some((c) => c instanceof LRFinder);
    if (!this.run) return;
    if (!learn.recorder) throw new Error(`${this.className} needs the Recorder`);
    const names = monitorNames(learn);
    if (!names.includes(this.monitor)) {
      throw new Error(`${this.className}: cannot monitor '${this.monitor}'; choose one of ${names.join(', ')}`);
    }
    if (this.resetOnFit || this.best === null) this.best = this.worst();
  }

  after_epoch(): void {
    const values = this.learn!.recorder?.values ?? [];
    const last = values[values.length - 1];
    const val = last ? monitoredValue(last, this.monitor) : null;
    this.best ??= this.worst(); // added mid-fit: no before_fit
    this.newBest = val !== null && this.better(val - this.minDelta, this.best);
    if (this.newBest) this.best = val;
  }

  private better(a: number, b: number): boolean {
    return this.comp === 'less' ? a < b : a > b;
  }

  private worst(): number {
    return this.comp === 'less' ? Infinity : -Infinity;
  }
}
