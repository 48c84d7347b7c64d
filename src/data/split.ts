// Seeded train/valid split of any Dataset. Classification data is split per class
// (stratified), so every class keeps its share in both halves even when it is rare;
// both halves come out in a seeded random order, never grouped by class (the valid
// loader does not shuffle, and a batch grid of only zeros would be a poor picture).
import type { Dataset } from './dataset';
import { mulberry32, permutation, shuffleInPlace, type Rng } from './random';

export interface SplitOptions {
  /** Split each class separately; default: true for classification. */
  stratify?: boolean;
}

/** Rows `idx` of a dataset, copied (metadata kept). */
export function take<D extends Dataset>(ds: D, idx: ArrayLike<number>): D {
  const f = ds.nFeatures;
  const x = new Float32Array(idx.length * f);
  const y = ds.y instanceof Int32Array ? new Int32Array(idx.length) : new Float32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i];
    x.set(ds.x.subarray(j * f, (j + 1) * f), i * f);
    y[i] = ds.y[j];
  }
  return { ...ds, x, y } as D;
}

/** Seeded random split: `validPct` (0 <= validPct < 1) of the rows go to valid, the rest to train. */
export function splitTrainValid<D extends Dataset>(ds: D, validPct: number, seed: number, opts: SplitOptions = {}): { train: D; valid: D } {
  if (!(validPct >= 0 && validPct < 1)) throw new RangeError(`validPct must be in [0, 1), got ${validPct}`);
  const n = ds.y.length;
  const nValid = Math.min(Math.round(n * validPct), Math.max(n - 1, 0));
  const rng = mulberry32(seed);
  const stratify = (opts.stratify ?? ds.task === 'classification') && ds.task === 'classification';
  if (!stratify) {
    const idx = permutation(n, rng);
    return { valid: take(ds, idx.subarray(0, nValid)), train: take(ds, idx.subarray(nValid)) };
  }
  const { validIdx, trainIdx } = stratifiedIndices(ds.y as Int32Array, ds.nClasses ?? 0, nValid, rng);
  return { valid: take(ds, validIdx), train: take(ds, trainIdx) };
}

/**
 * Why a split cannot be trained and validated on (a half with no rows), written for the person who
 * chose the data and the share; null when both halves have rows.
 */
export function emptySplitProblem(ds: Dataset, validPct: number, split: { train: Dataset; valid: Dataset }): string | null {
  const n = ds.y.length;
  const rows = `${n} row${n === 1 ? '' : 's'}`;
  if (split.train.y.length === 0) return `the data has ${rows}: training needs at least one row and validation another; add rows`;
  if (split.valid.y.length > 0) return null;
  const share = `the validation share ${validPct} of ${rows}`;
  if (ds.task === 'classification' && Math.round(n * validPct) > 0) {
    return `${share} leaves no validation rows: every class has only one row, and each class keeps its row for training; add rows`;
  }
  return `${share} leaves no validation rows; add rows or raise the share`;
}

/** Per-class quotas by largest remainder (sum = nValid where possible, every class keeps a training row). */
function stratifiedIndices(y: Int32Array, nClasses: number, nValid: number, rng: Rng) {
  const groups: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < y.length; i++) groups[y[i]].push(i);
  const n = y.length;
  const cap = groups.map((g) => Math.max(g.length - 1, 0));
  const exact = groups.map((g) => (n === 0 ? 0 : (g.length * nValid) / n));
  const quota = exact.map((e, c) => Math.min(Math.floor(e), cap[c]));
  let left = nValid - quota.reduce((a, b) => a + b, 0);
  const frac = (c: number) => exact[c] - Math.floor(exact[c]);
  const byRemainder = groups.map((_, c) => c).sort((a, b) => frac(b) - frac(a) || a - b);
  for (let progress = true; left > 0 && progress;) {
    progress = false;
    for (const c of byRemainder) {
      if (left > 0 && quota[c] < cap[c]) {
        quota[c]++;
        left--;
        progress = true;
      }
    }
  }
  const validIdx: number[] = [];
  const trainIdx: number[] = [];
  groups.forEach((g, c) => {
    shuffleInPlace(g, rng);
    for (let i = 0; i < g.length; i++) (i < quota[c] ? validIdx : trainIdx).push(g[i]);
  });
  return { validIdx: shuffleInPlace(validIdx, rng), trainIdx: shuffleInPlace(trainIdx, rng) };
}
