// The run's history (the store's per-batch and per-epoch records) as downloadable files:
// CSV (one table, a `kind` column tells batch rows from epoch rows) and JSON. Pure.
import type { BatchRecord, EpochRecord } from '../../run/messages';

export function historyToJson(batches: readonly BatchRecord[], epochs: readonly EpochRecord[]): string {
  // JSON has no NaN/Infinity: a diverged loss becomes null.
  return JSON.stringify({ batches, epochs }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1);
}

/** Columns: kind, epoch, iter, train_iter, loss, smooth_loss, lr, train_loss, valid_loss, <metrics…>, seconds. */
export function historyToCsv(batches: readonly BatchRecord[], epochs: readonly EpochRecord[]): string {
  const metrics = [...new Set(epochs.flatMap((e) => Object.keys(e.metrics)))];
  const header = [
    'kind',
    'epoch',
    'iter',
    'train_iter',
    'loss',
    'smooth_loss',
    'lr',
    'train_loss',
    'valid_loss',
    ...metrics.map(csvName),
    'seconds',
  ];
  const rows = [header.join(',')];
  for (const b of batches)
    rows.push(
      ['batch', b.epoch, b.iter, b.trainIter, b.loss, b.smoothLoss, b.lr, '', '', ...metrics.map(() => ''), ''].map(cell).join(','),
    );
  for (const e of epochs) {
    rows.push(
      ['epoch', e.epoch, '', '', '', '', '', e.trainLoss, e.validLoss, ...metrics.map((m) => e.metrics[m]), e.seconds].map(cell).join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  return v;
}

/** A metric name as a safe CSV header cell. */
function csvName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_') || 'metric';
}
