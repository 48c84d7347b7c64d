// Schedule values against hand-computed numbers (fastai's 14_callback.schedule tests).
import { describe, expect, it } from 'vitest';
import { SchedCos, SchedExp, SchedLin, SchedNo, SchedPoly, combineScheds, combinedCos } from './schedules';

describe('annealers', () => {
  it('SchedLin, SchedCos, SchedNo, SchedExp, SchedPoly at 0, 0.5, 1', () => {
    const at = (f: (p: number) => number) => [0, 0.5, 1].map(f);
    expect(at(SchedLin(0, 2))).toEqual([0, 1, 2]);
    at(SchedCos(0, 2)).forEach((v, i) => expect(v).toBeCloseTo([0, 1, 2][i], 12));
    expect(SchedCos(0, 2)(0.25)).toBeCloseTo(1 - Math.SQRT1_2, 12); // (1 + cos(3π/4))·2/2
    expect(at(SchedNo(0, 2))).toEqual([0, 0, 0]);
    at(SchedExp(1, 100)).forEach((v, i) => expect(v).toBeCloseTo([1, 10, 100][i], 10));
    expect(at(SchedPoly(0, 2, 2))).toEqual([0, 0.5, 2]);
    expect(SchedPoly(0, 2, 0.5)(0.25)).toBeCloseTo(1, 12);
  });
});

describe('combineScheds', () => {
  it("fastai's example: 30% linear 0.3→0.6, then 70% cosine 0.6→0.2", () => {
    const f = combineScheds([0.3, 0.7], [SchedLin(0.3, 0.6), SchedCos(0.6, 0.2)]);
    expect(f(0)).toBeCloseTo(0.3, 12);
    expect(f(0.15)).toBeCloseTo(0.45, 12);
    expect(f(0.3)).toBeCloseTo(0.6, 12);
    expect(f(0.65)).toBeCloseTo(0.4, 12); // cosine midpoint
    expect(f(1)).toBeCloseTo(0.2, 12);
  });

  it('three phases; a zero-length phase never runs; bad fractions throw', () => {
    const f = combineScheds([0.25, 0.25, 0.5], [SchedNo(1, 0), SchedLin(2, 3), SchedLin(4, 6)]);
    expect([0, 0.2, 0.25, 0.375, 0.5, 0.75, 1].map(f)).toEqual([1, 1, 2, 2.5, 4, 5, 6]);
    const g = combineScheds([1, 0], [SchedLin(0, 1), SchedNo(9, 9)]);
    expect(g(1)).toBe(1);
    const h = combineScheds([0, 1], [SchedNo(9, 9), SchedLin(0, 1)]);
    expect(h(0)).toBe(0);
    expect(() => combineScheds([0.5, 0.6], [SchedNo(0, 0), SchedNo(0, 0)])).toThrow(/sum/);
    expect(() => combineScheds([1], [])).toThrow();
  });

  it('combinedCos goes start → middle → end', () => {
    const f = combinedCos(0.25, 1, 3, 0);
    expect(f(0)).toBeCloseTo(1, 12);
    expect(f(0.125)).toBeCloseTo(2, 12);
    expect(f(0.25)).toBeCloseTo(3, 12);
    expect(f(0.625)).toBeCloseTo(1.5, 12);
    expect(f(1)).toBeCloseTo(0, 12);
  });
});
