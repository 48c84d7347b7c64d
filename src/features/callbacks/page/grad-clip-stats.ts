// GradientClip's stats as the page shows them: totals over the run's epochs and compact numbers.
import type { GradClipEpochData } from '../../../shared/callback-outputs';

export interface GradClipTotals {
  epochs: number;
  batches: number;
  clipped: number;
  /** Share of batches clipped, 0..1 (0 when none ran). */
  share: number;
  /** Largest norm before clipping over all epochs. */
  maxNorm: number;
}

export function clipTotals(epochs: readonly GradClipEpochData[]): GradClipTotals {
  const batches = epochs.reduce((s, e) => s + e.batches, 0);
  const clipped = epochs.reduce((s, e) => s + e.clipped, 0);
  const maxNorm = epochs.reduce((m, e) => Math.max(m, e.maxNorm), 0);
  return { epochs: epochs.length, batches, clipped, share: batches ? clipped / batches : 0, maxNorm };
}

/** A norm in 3 significant digits: 0.000123 → "1.23e-4", 4.2 → "4.2", 12345 → "1.23e4". */
export function formatNorm(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4))
    return v
      .toExponential(2)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

/** 0.3125 → "31 %", a share under 1 % but not 0 → "<1 %". */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.01) return '<1 %';
  return `${Math.round(share * 100)} %`;
}
