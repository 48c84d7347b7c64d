import { describe, expect, it } from 'vitest';
import type { GradClipEpochData } from '../../../shared/callback-outputs';
import { clipTotals, formatNorm, formatShare } from './grad-clip-stats';

const epoch = (batches: number, clipped: number, maxNorm: number): GradClipEpochData => ({
  epoch: 0,
  batches,
  clipped,
  meanNorm: 1,
  maxNorm,
  meanNormAfter: 1,
  maxNormAfter: 1,
});

describe('GradientClip stats on the page', () => {
  it('totals the epochs: batches, clipped, their share and the largest norm', () => {
    expect(clipTotals([epoch(40, 12, 4.2), epoch(40, 4, 7.5), epoch(20, 0, 0.9)])).toEqual({
      epochs: 3,
      batches: 100,
      clipped: 16,
      share: 0.16,
      maxNorm: 7.5,
    });
    expect(clipTotals([])).toEqual({ epochs: 0, batches: 0, clipped: 0, share: 0, maxNorm: 0 });
  });

  it('formats norms and shares compactly', () => {
    expect([0, 0.000123, 0.5, 4.2, 0.99999, 12.3456, 12345].map(formatNorm)).toEqual(['0', '1.23e-4', '0.5', '4.2', '1', '12.3', '1.23e4']);
    expect([0, 0.004, 0.16, 2 / 3, 1].map(formatShare)).toEqual(['0 %', '<1 %', '16 %', '67 %', '100 %']);
  });
});
