// Turns the metrics history into chart series (pure, no React).
import type { BatchRecord, EpochRecord } from '../messages';

export interface LossPoint {
  x: number;
  /** Smoothed train loss (fastai's exponentially weighted, debiased). */
  train?: number;
  /** Raw train loss of that batch. */
  raw?: number;
  lr?: number;
  valid?: number;
}

/** At most this many training points are drawn per line. */
export const MAX_POINTS = 1000;

/**
 * Smoothed and raw train loss per batch; x = training iteration (1-based). A longer history is
 * cut into max / 2 buckets, each drawn by its lowest and its highest raw loss (in order), so a
 * spike of one batch always shows (a non-finite loss counts as the highest); the last batch is
 * always there.
 */
export function trainLossSeries(batches: readonly BatchRecord[], max = MAX_POINTS): LossPoint[] {
  return extremesOf(batches.length, (i) => batches[i].loss, max).map((i) => point(batches[i]));
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
export function validLossSeries(batches: readonly BatchRecord[], epochs: readonly EpochRecord[]): LossPoint[] {
  const lastIter = new Map<number, number>();
  for (const b of batches) lastIter.set(b.epoch, Math.max(lastIter.get(b.epoch) ?? 0, b.trainIter + 1));
  return epochs
    .filter((e) => e.validLoss != null && lastIter.has(e.epoch))
    .map((e) => ({ x: lastIter.get(e.epoch) as number, valid: e.validLoss as number }));
}

export interface AccuracyPoint {
  epoch: number;
  accuracy: number;
}

export function accuracySeries(epochs: readonly EpochRecord[], metric = 'accuracy'): AccuracyPoint[] {
  return epochs.filter((e) => typeof e.metrics[metric] === 'number').map((e) => ({ epoch: e.epoch + 1, accuracy: e.metrics[metric] }));
}
