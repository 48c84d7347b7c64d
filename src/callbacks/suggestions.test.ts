// fastai's LR suggestions on synthetic curves, against hand-worked answers.
import { describe, expect, it } from 'vitest';
import { minimum, steep, suggestLrs, valley } from './suggestions';

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
    expect(suggestLrs(lrs.slice(0, 6), losses.slice(0, 6), 20)).toEqual({ valley: null, minimum: null, steep: null });
  });
});
