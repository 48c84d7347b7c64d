// The run's history (the store's per-batch and per-epoch records, and what the user's callbacks
// logged) as downloadable files: CSV (one table, a `kind` column tells batch, epoch and log rows
// apart) and JSON. Pure.
import type { BatchRecord, EpochRecord } from '../../run/messages';

/** What the user's callbacks logged: by name, x the 1-based training batch, y the value. */
export type UserLogSeries = Readonly<Record<string, { readonly x: readonly number[]; readonly y: readonly number[] }>>;

export function historyToJson(batches: readonly BatchRecord[], epochs: readonly EpochRecord[], userLog?: UserLogSeries): string {
  const log = userLog && Object.keys(userLog).length > 0 ? { userLog } : {};
  // JSON has no NaN/Infinity: a diverged loss becomes null.
  return JSON.stringify({ batches, epochs, ...log }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1);
}

/**
 * Columns: kind, epoch, iter, train_iter, loss, smooth_loss, lr, train_loss, valid_loss, <metrics…>,
 * seconds, log_<series…>. A logged value sits on the batch row it was logged at (`train_iter + 1 === x`);
 * one logged where no batch row is (or a second value at the same x) gets a row of kind `log`
 * with its x in train_iter (0-based, as the batch rows).
 */
export function historyToCsv(batches: readonly BatchRecord[], epochs: readonly EpochRecord[], userLog?: UserLogSeries): string {
  const metrics = [...new Set(epochs.flatMap((e) => Object.keys(e.metrics)))];
  const series = Object.entries(userLog ?? {});
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
    ...uniqueNames(series.map(([name]) => `log_${csvName(name)}`)),
  ];
  // each series' values by x: the first at each x goes on its batch row, the rest on log rows
  const batchXs = new Set(batches.map((b) => b.trainIter + 1));
  const onBatch = series.map(() => new Map<number, number>());
  const logRows: { x: number; cells: (number | undefined)[] }[] = [];
  series.forEach(([, s], i) => {
    for (let k = 0; k < s.x.length; k++) {
      const x = s.x[k];
      if (batchXs.has(x) && !onBatch[i].has(x)) onBatch[i].set(x, s.y[k]);
      else {
        const cells: (number | undefined)[] = series.map(() => undefined);
        cells[i] = s.y[k];
        logRows.push({ x, cells });
      }
    }
  });
  logRows.sort((a, b) => a.x - b.x); // stable: same x keeps the series' order
  const rows = [header.join(',')];
  for (const b of batches)
    rows.push(
      [
        'batch',
        b.epoch,
        b.iter,
        b.trainIter,
        b.loss,
        b.smoothLoss,
        b.lr,
        '',
        '',
        ...metrics.map(() => ''),
        '',
        ...onBatch.map((m) => m.get(b.trainIter + 1)),
      ]
        .map(cell)
        .join(','),
    );
  for (const e of epochs) {
    rows.push(
      [
        'epoch',
        e.epoch,
        '',
        '',
        '',
        '',
        '',
        e.trainLoss,
        e.validLoss,
        ...metrics.map((m) => e.metrics[m]),
        e.seconds,
        ...series.map(() => ''),
      ]
        .map(cell)
        .join(','),
    );
  }
  for (const r of logRows)
    rows.push(['log', '', '', r.x - 1, '', '', '', '', '', ...metrics.map(() => ''), '', ...r.cells].map(cell).join(','));
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

/** Names made safe can meet ('a b', 'a_b'): the later ones get _2, _3… */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let k = 2; seen.has(name); k++) name = `${n}_${k}`;
    seen.add(name);
    return name;
  });
}
