// fastai's LR suggestions on synthetic curves, against hand-worked answers.
import { describe, expect, it } from 'vitest';
import { gradient, minimum, slide, steep, suggestLrs, valley } from './suggestions';

// lrs 1e-7, 10^-6.5, ... (a constant step of ½·ln 10 in log space)
const lrs = Array.from({ length: 15 }, (_, i) => 10 ** (-7 + i / 2));
// Strictly decreasing over indices 0..9 (steepest drop 7 → 4 at index 3), then diverging.
const losses = [10, 9.5, 9, 7, 4, 3.5, 3, 2.9, 2.8, 2.7, 3, 5, 9, 20, 40];

describe('suggestions', () => {
  it('valley: longest decreasing run is 0..9 (10 points); fastai takes start −1 + ⌊10/3⌋ + ⌊10/6⌋ = index 3', () => {
    expect(valley(lrs, losses)).toEqual({ lr: lrs[3], point: { lr: lrs[3], loss: 7 } });
  });

  it('valley follows a decreasing subsequence that skips bumps', () => {
    // lds = [1,1,2,1,3,4,1]; the longest ends at 5 and was first longest at lds 4, so start = 5 − 4 = 1;
    // idx = 1 + ⌊4/3⌋ + ⌊4/6⌋ = 2.
    const l = [5, 6, 4, 7, 3, 2, 8];
    expect(valley(lrs.slice(0, 7), l)!.lr).toBe(lrs[2]);
  });

  it('minimum: a tenth of the lr at the lowest loss, marking the minimum', () => {
    const s = minimum(lrs, losses)!;
    expect(s.lr).toBeCloseTo(lrs[9] / 10, 20);
    expect(s.point).toEqual({ lr: lrs[9], loss: 2.7 });
  });

  it('steep: the left end of the steepest drop against log(lr)', () => {
    expect(steep(lrs, losses)).toEqual({ lr: lrs[3], point: { lr: lrs[3], loss: 7 } });
    // With uneven lr steps the slope is per unit of log(lr): the drop of 1 over a tiny step wins.
    const l2 = [1e-3, 1e-2, 1.1e-2, 1];
    expect(steep(l2, [5, 3, 2, 0.5])!.lr).toBe(1e-2);
  });

  it("gradient is numpy's: one-sided at the ends, central differences inside", () => {
    expect(gradient([1, 2, 4, 7])).toEqual([1, 1.5, 2.5, 3]);
  });

  it("slide: fastai's interval slide rule, walked by hand", () => {
    // fastai: loss_grad = np.gradient(losses); r_idx = -1, l_idx = r_idx - lr_diff; while l_idx >= -len and
    // |g[r] - g[l]| > thresh: local_min_lr = lrs[l]; r -= 1; l -= 1. With lr_diff 3, thresh 0.1:
    const l = [5, 4.5, 4, 3.5, 3, 2.6, 2.4, 2.5, 3, 4.5];
    // g = [-0.5, -0.5, -0.5, -0.5, -0.45, -0.3, -0.05, 0.3, 1, 1.5]
    // (r, l) = (9, 6): |1.5 + 0.05| = 1.55 > 0.1 → lrs[6]; (8, 5): 1.3 → lrs[5]; (7, 4): 0.75 → lrs[4];
    // (6, 3): 0.45 → lrs[3]; (5, 2): 0.2 → lrs[2]; (4, 1): |-0.45 + 0.5| = 0.05, stop. Suggestion lrs[2], loss 4.
    const x = lrs.slice(0, 10);
    expect(slide(x, l, { lrDiff: 3, thresh: 0.1 })).toEqual({ lr: lrs[2], point: { lr: lrs[2], loss: 4 } });
    // adjust_value 0.5: lr = lrs[2]/2; np.interp in log10: between lrs[1] (-6.5) and lrs[2] (-6) at -6 - log10 2,
    // loss = 4.5 + (0.5 - log10 2)/0.5 · (4 - 4.5) = 4 + log10 2 = 4.30103.
    const half = slide(x, l, { lrDiff: 3, thresh: 0.1, adjustValue: 0.5 })!;
    expect(half.lr).toBeCloseTo(lrs[2] / 2, 20);
    expect(half.point.loss).toBeCloseTo(4 + Math.log10(2), 12);
    // The first test fails at once (thresh 2 ≥ 1.55): local_min_lr stays lrs[-1 - lr_diff] = lrs[6].
    expect(slide(x, l, { lrDiff: 3, thresh: 2 })!.lr).toBe(lrs[6]);
    // Never fails (thresh -1): the loop runs l down to -len, so lrs[0].
    expect(slide(x, l, { lrDiff: 3, thresh: -1 })!.lr).toBe(lrs[0]);
  });

  it('slide with fastai defaults (lr_diff 15, thresh 0.005)', () => {
    // 18 points on the line 20 − i, except a jump at the end (8): g = np.gradient = -1 everywhere but
    // g[16] = (8 − 5)/2 = 1.5 and g[17] = 8 − 4 = 4. (r, l) = (17, 2): |4 + 1| > 0.005 → lrs[2];
    // (16, 1): |1.5 + 1| → lrs[1]; (15, 0): |-1 + 1| = 0, stop. Suggestion lrs[1], loss 19.
    const x = Array.from({ length: 18 }, (_, i) => 10 ** (-7 + i / 2));
    const l = x.map((_, i) => (i === 17 ? 8 : 20 - i));
    expect(slide(x, l)).toEqual({ lr: x[1], point: { lr: x[1], loss: 19 } });
    // fastai's lrs[-16] raises on 15 points; here null.
    expect(slide(lrs, losses)).toBeNull();
  });

  it('empty or too short curves give null', () => {
    expect(valley([], [])).toBeNull();
    expect(minimum([], [])).toBeNull();
    expect(steep([1], [1])).toBeNull();
  });

  it("suggestLrs drops numIt/10 points at the start and 5 at the end, and cuts at the first NaN (fastai's lr_find)", () => {
    // numIt 20 → skip 2; 15 points → keep indices 2..9.
    const s = suggestLrs(lrs, losses, 20);
    expect(s.minimum!.point.lr).toBe(lrs[9]);
    expect(s.steep!.lr).toBe(lrs[3]);
    // kept: [9,7,4,3.5,3,2.9,2.8,2.7] all decreasing (8 points): start −1, idx −1 + 2 + 1 = 2 → lrs[2+2]
    expect(s.valley!.lr).toBe(lrs[4]);
    const withNaN = [...losses];
    withNaN[6] = NaN;
    expect(suggestLrs(lrs, withNaN, 20).minimum!.point.lr).toBe(lrs[5]);
    expect(suggestLrs(lrs.slice(0, 6), losses.slice(0, 6), 20)).toEqual({ valley: null, slide: null, minimum: null, steep: null });
  });
});
