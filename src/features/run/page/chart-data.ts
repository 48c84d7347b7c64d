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

/** At most this many training points are drawn per line (evenly strided, last one kept). */
export const MAX_POINTS = 1000;

/** Smoothed train loss per batch; x = training iteration (1-based). */
export function trainLossSeries(batches: readonly BatchRecord[], max = MAX_POINTS): LossPoint[] {
  const stride = Math.max(1, Math.ceil(batches.length / max));
  const out: LossPoint[] = [];
  for (let i = 0; i < batches.length; i += stride) out.push(point(batches[i]));
  const last = batches[batches.length - 1];
  if (last && (batches.length - 1) % stride !== 0) out.push(point(last));
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
