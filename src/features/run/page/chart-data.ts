// Turns the metrics history into chart series (pure, no React).
import type { BatchRecord, EpochRecord } from '../messages';
import { BatchHistory, MAX_POINTS } from './batch-history';

export { MAX_POINTS };

export interface LossPoint {
  x: number;
  /** Smoothed train loss (fastai's exponentially weighted, debiased). */
  train?: number;
  /** Raw train loss of that batch. */
  raw?: number;
  lr?: number;
  valid?: number;
}

/**
 * Smoothed and raw train loss per batch; x = training iteration (1-based). A longer history is
 * cut into max / 2 buckets, each drawn by its lowest and its highest raw loss (in order), so a
 * spike of one batch always shows (a non-finite loss counts as the highest); the last batch is
 * always there.
 */
export function trainLossSeries(batches: BatchHistory | readonly BatchRecord[], max = MAX_POINTS): LossPoint[] {
  // the live history keeps its points as batches arrive; a saved run's array is bucketed here
  if (batches instanceof BatchHistory && max === MAX_POINTS) return batches.drawn().map((i) => point(batches.at(i)!));
  const at = (i: number) => (batches instanceof BatchHistory ? batches.at(i)! : batches[i]);
  return extremesOf(batches.length, (i) => at(i).loss, max).map((i) => point(at(i)));
}

/**
 * Indices of `n` values to draw at most `max` points: all of them when they fit, else max / 2
 * buckets, each by its lowest and highest value in order (a non-finite value counts as the highest),
 * and the last one always.
 */
export function extremesOf(n: number, value: (i: number) => number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor(max / 2));
  const size = n / buckets;
  const out: number[] = [];
  for (let k = 0; k < buckets; k++) {
    const from = Math.floor(k * size);
    const to = Math.floor((k + 1) * size);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      const v = value(i);
      if (!Number.isFinite(v)) {
        if (Number.isFinite(value(hi))) hi = i;
        continue;
      }
      if (v < value(lo) || !Number.isFinite(value(lo))) lo = i;
      if (Number.isFinite(value(hi)) && v > value(hi)) hi = i;
    }
    out.push(...(lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]));
  }
  if (out.at(-1) !== n - 1) out.push(n - 1);
  return out;
}

function point(b: BatchRecord): LossPoint {
  return { x: b.trainIter + 1, train: b.smoothLoss, raw: b.loss, lr: b.lr };
}

/** Valid loss per epoch, placed at the last training iteration of that epoch. */
export function validLossSeries(batches: BatchHistory | readonly BatchRecord[], epochs: readonly EpochRecord[]): LossPoint[] {
  const history = batches instanceof BatchHistory ? batches : BatchHistory.of(batches);
  return epochs.flatMap((e) => {
    const x = e.validLoss != null ? history.lastIterOf(e.epoch) : undefined;
    return x === undefined ? [] : [{ x, valid: e.validLoss as number }];
  });
}

export interface AccuracyPoint {
  epoch: number;
  accuracy: number;
}

export function accuracySeries(epochs: readonly EpochRecord[], metric = 'accuracy'): AccuracyPoint[] {
  return epochs.filter((e) => typeof e.metrics[metric] === 'number').map((e) => ({ epoch: e.epoch + 1, accuracy: e.metrics[metric] }));
}
