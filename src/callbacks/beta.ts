/** Seeded Gamma and Beta samplers (Marsaglia–Tsang) for MixUp and CutMix: reproducible runs, no tfjs randomness. */
import { mulberry32, normal, type Rng } from '../data/random';

export type { Rng };
export { mulberry32 };

/** One Gamma(shape, 1) sample (Marsaglia & Tsang 2000; shape < 1 via the u^(1/shape) boost). */
export function sampleGamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new Error(`Gamma shape must be positive, got ${shape}`);
  if (shape < 1) return sampleGamma(rng, shape + 1) * rng() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One Beta(a, b) sample as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  // Tiny shapes can underflow both to 0: the distribution is then all at the ends.
  if (x + y === 0) return rng() < a / (a + b) ? 1 : 0;
  return x / (x + y);
}
