// Compare: saved runs' curves merged into one series per chart (a key per run, at most
// MAX_POINTS points per line), and their setups flattened into rows with the differences marked.
// Pure, no React.
import { accuracySeries, MAX_POINTS, trainLossSeries } from '../../run/page/chart-data';
import type { SavedRun } from './runs-db';
import type { BatchHistory } from '../../run/page/batch-history';
import type { BatchRecord } from '../../run/messages';

export type CompareRow = Record<string, number>;

/** Smoothed loss or lr by training iteration: rows { x, [run.id]: value }, sorted by x. */
export function batchCompare(
  runs: readonly { id: string; batches: BatchHistory | readonly BatchRecord[] }[],
  key: 'train' | 'lr',
  max = MAX_POINTS,
): CompareRow[] {
  const byX = new Map<number, CompareRow>();
  for (const run of runs) {
    for (const p of trainLossSeries(run.batches, max)) {
      const v = p[key];
      if (v === undefined || !Number.isFinite(v)) continue;
      const row = byX.get(p.x) ?? { x: p.x };
      row[run.id] = v;
      byX.set(p.x, row);
    }
  }
  return [...byX.values()].sort((a, b) => a.x - b.x);
}

/** Valid accuracy by epoch: rows { epoch, [run.id]: accuracy }. */
export function accuracyCompare(runs: readonly SavedRun[]): CompareRow[] {
  const byEpoch = new Map<number, CompareRow>();
  for (const run of runs) {
    for (const p of accuracySeries(run.epochs)) {
      const row = byEpoch.get(p.epoch) ?? { epoch: p.epoch };
      row[run.id] = p.accuracy;
      byEpoch.set(p.epoch, row);
    }
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

export interface SetupRow {
  key: string;
  /** One value per run, in the runs' order ('' when the run has no such setting). */
  values: string[];
  differs: boolean;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, Array.isArray(value) ? JSON.stringify(value) : String(value));
  }
}

/** The runs' setups and callbacks side by side, one row per setting (in first-seen order). */
export function setupRows(runs: readonly SavedRun[]): SetupRow[] {
  const flat = runs.map((r) => {
    const m = new Map<string, string>();
    flatten(r.shared.setup, '', m);
    flatten({ callbacks: r.shared.callbacks }, '', m);
    if (Object.keys(r.shared.callbacks).length === 0) m.set('callbacks', 'none');
    m.set('backend', r.backend ?? '?');
    return m;
  });
  const keys: string[] = [];
  for (const m of flat) for (const k of m.keys()) if (!keys.includes(k)) keys.push(k);
  return keys.map((key) => {
    const values = flat.map((m) => m.get(key) ?? '');
    return { key, values, differs: values.some((v) => v !== values[0]) };
  });
}

/** A distinct color per run in a comparison. */
export const RUN_COLORS = ['#6366f1', '#f97316', '#10b981', '#e11d48', '#0ea5e9', '#a855f7', '#ca8a04', '#64748b'];
