/** fastai's `CSVLogger` (order 60, after the Recorder): the epoch table as CSV text, for the UI to offer as a download. */
import { Callback, type EpochRecord } from '../learner';

/** fastai's `format_time`: 'mm:ss', or 'h:mm:ss' from an hour. */
export function formatTime(seconds: number): string {
  const t = Math.trunc(seconds);
  const [h, m, s] = [Math.trunc(t / 3600), Math.trunc(t / 60) % 60, t % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h !== 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** fastai's `recorder.metric_names`: epoch, train_loss, valid_loss, the metrics, time. */
export function metricNames(metrics: readonly string[]): string[] {
  return ['epoch', 'train_loss', 'valid_loss', ...metrics, 'time'];
}

/** One CSV field (RFC 4180 quoting when needed); a missing value is empty. */
function field(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(record: EpochRecord, metrics: readonly string[]): string {
  const cells = [record.epoch, record.trainLoss, record.validLoss, ...metrics.map((m) => record.metrics[m]), formatTime(record.seconds)];
  return cells.map(field).join(',');
}

/** The whole history with fastai's header line. */
export function historyToCsv(values: readonly EpochRecord[], metrics: readonly string[]): string {
  return [metricNames(metrics).map(field).join(','), ...values.map((r) => csvRow(r, metrics))].join('\n') + '\n';
}

/**
 * Writes the header at before_fit and one line per epoch after the Recorder has its row, like
 * fastai's file; `append` keeps the lines of earlier fits (fastai's append mode, header repeated).
 */
export class CSVLogger extends Callback {
  override order = 60;
  private lines: string[] = [];

  constructor(
    readonly fname = 'history.csv',
    readonly append = false,
  ) {
    super();
  }

  before_fit(): void {
    if (!this.append) this.lines = [];
    this.lines.push(metricNames(this.metricList()).map(field).join(','));
  }

  after_epoch(): void {
    const values = this.learn!.recorder?.values ?? [];
    const last = values[values.length - 1];
    if (!last) return;
    if (this.lines.length === 0) this.before_fit(); // added mid-fit
    this.lines.push(csvRow(last, this.metricList()));
  }

  /** The CSV text so far (fastai's file contents). */
  get text(): string {
    return this.lines.length ? this.lines.join('\n') + '\n' : '';
  }

  private metricList(): string[] {
    return this.learn!.metrics.map((m) => m.name);
  }
}
