// The seeded Beta sampler: moments against the closed forms, reproducibility.
import { describe, expect, it } from 'vitest';
import { mulberry32, sampleBeta, sampleGamma } from './beta';

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) };
}

describe('sampleBeta', () => {
  it.each([
    [0.4, 0.4],
    [1, 1],
    [2, 5],
  ])('Beta(%s, %s): mean a/(a+b), variance ab/((a+b)²(a+b+1)), values in [0, 1]', (a, b) => {
    const rng = mulberry32(7);
    const xs = Array.from({ length: 40000 }, () => sampleBeta(rng, a, b));
    expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
    const { mean, variance } = moments(xs);
    expect(mean).toBeCloseTo(a / (a + b), 2);
    expect(variance).toBeCloseTo((a * b) / ((a + b) ** 2 * (a + b + 1)), 2);
  });

  it('Gamma(k) has mean k and variance k', () => {
    const rng = mulberry32(3);
    const { mean, variance } = moments(Array.from({ length: 40000 }, () => sampleGamma(rng, 3)));
    expect(mean).toBeCloseTo(3, 1);
    expect(variance / 3).toBeCloseTo(1, 1);
  });

  it('the same seed gives the same samples; bad shapes throw', () => {
    const draw = (seed: number) => {
      const rng = mulberry32(seed);
      return Array.from({ length: 5 }, () => sampleBeta(rng, 0.4, 0.4));
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(() => sampleGamma(mulberry32(1), 0)).toThrow();
  });
});
