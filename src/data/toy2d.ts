// Seeded 2-D toy datasets, TensorFlow Playground's and scikit-learn's classics:
// circles, XOR, Gaussian blobs, moons (classification) and "sine hills"
// (regression: z = sin(pi x) * cos(pi y) plus noise). Points lie in about
// [-1, 1]^2, the spiral's box, so one heat-map extent fits them all. `noise` is
// the standard deviation of Gaussian noise added to each coordinate (to the target
// for sine hills), in those units; noise 0 gives the exact geometry. Classification
// sets have exactly nPerClass rows per class, stored class by class
// (splitTrainValid shuffles).
import type { ClassificationDataset, RegressionDataset } from './dataset';
import { mulberry32, normal, type Rng } from './random';

export interface Toy2dOptions {
  nPerClass: number;
  /** Std of the Gaussian noise added to x and y. */
  noise: number;
  seed: number;
}

/** Throws a RangeError naming the option, for options no generator can honour. */
export function checkToyOptions(countName: string, count: number, noise: number, seed: number): void {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`${countName} must be a whole number >= 1, got ${count}`);
  if (!(Number.isFinite(noise) && noise >= 0)) throw new RangeError(`noise must be a number >= 0, got ${noise}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
}

/** Fills a class-by-class dataset from a point generator `point(c, i, rng) -> [x, y]`. */
function byClass(
  nClasses: number,
  { nPerClass, noise, seed }: Toy2dOptions,
  point: (c: number, i: number, rng: Rng) => [number, number],
): ClassificationDataset {
  checkToyOptions('nPerClass', nPerClass, noise, seed);
  const rng = mulberry32(seed);
  const n = nPerClass * nClasses;
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let c = 0; c < nClasses; c++) {
    for (let i = 0; i < nPerClass; i++) {
      const k = c * nPerClass + i;
      const [px, py] = point(c, i, rng);
      x[2 * k] = px + (noise > 0 ? noise * normal(rng) : 0);
      x[2 * k + 1] = py + (noise > 0 ? noise * normal(rng) : 0);
      y[k] = c;
    }
  }
  return { task: 'classification', x, y, nFeatures: 2, nClasses };
}

export interface CirclesOptions extends Toy2dOptions {
  /** Inner radius; the outer circle has radius 1. Default 0.5. */
  factor?: number;
}

/** Two concentric circles: class 0 on radius 1, class 1 on radius `factor`, uniform angles. */
export function makeCircles(opts: CirclesOptions): ClassificationDataset {
  const factor = opts.factor ?? 0.5;
  if (!(factor > 0 && factor < 1)) throw new RangeError(`factor must be in (0, 1), got ${factor}`);
  return byClass(2, opts, (c, _i, rng) => {
    const r = c === 0 ? 1 : factor;
    const t = 2 * Math.PI * rng();
    return [r * Math.cos(t), r * Math.sin(t)];
  });
}

/** Points keep at least this distance from the axes (before noise), so noise 0 is separable. */
export const XOR_MARGIN = 0.05;

/**
 * XOR: class 1 where x * y > 0 (quadrants I and III), class 0 where x * y < 0.
 * Each class alternates between its two quadrants; |x|, |y| uniform in [XOR_MARGIN, 1].
 */
export function makeXor(opts: Toy2dOptions): ClassificationDataset {
  const coord = (rng: Rng) => XOR_MARGIN + (1 - XOR_MARGIN) * rng();
  return byClass(2, opts, (c, i, rng) => {
    const sx = i % 2 === 0 ? 1 : -1;
    const sy = c === 1 ? sx : -sx;
    return [sx * coord(rng), sy * coord(rng)];
  });
}

export interface BlobsOptions extends Toy2dOptions {
  nClasses: number;
}

/** Radius of the ring the blob centres sit on. */
export const BLOB_RING = 0.6;

/** Blob centres: evenly spaced on a ring of radius BLOB_RING, the first at 45 degrees. */
export function blobCenters(nClasses: number): [number, number][] {
  return Array.from({ length: nClasses }, (_, c) => {
    const t = Math.PI / 4 + (2 * Math.PI * c) / nClasses;
    return [BLOB_RING * Math.cos(t), BLOB_RING * Math.sin(t)];
  });
}

/** Isotropic Gaussian blobs (std = noise) around blobCenters(nClasses). */
export function makeBlobs(opts: BlobsOptions): ClassificationDataset {
  const { nClasses } = opts;
  if (!(Number.isInteger(nClasses) && nClasses >= 2)) throw new RangeError(`nClasses must be a whole number >= 2, got ${nClasses}`);
  const centers = blobCenters(nClasses);
  return byClass(nClasses, opts, (c) => centers[c]);
}

/** scikit-learn's moons live in x in [-1, 2], y in [-0.5, 1]; this maps them onto x in [-1, 1], y in [-0.5, 0.5]. */
export const MOONS_CENTER: readonly [number, number] = [0.5, 0.25];
export const MOONS_SCALE = 1 / 1.5;

/**
 * Two interleaving half circles (scikit-learn's make_moons, with uniform angles):
 * class 0 is the upper moon (cos t, sin t), class 1 the lower one (1 - cos t, 0.5 - sin t),
 * t uniform in [0, pi], then shifted by -MOONS_CENTER and scaled by MOONS_SCALE.
 */
export function makeMoons(opts: Toy2dOptions): ClassificationDataset {
  const [cx, cy] = MOONS_CENTER;
  return byClass(2, opts, (c, _i, rng) => {
    const t = Math.PI * rng();
    const [px, py] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    return [(px - cx) * MOONS_SCALE, (py - cy) * MOONS_SCALE];
  });
}

export interface HillsOptions {
  /** Number of samples. */
  n: number;
  /** Std of the Gaussian noise added to the target. */
  noise: number;
  seed: number;
}

/** The sine-hills surface: two hills and two valleys over [-1, 1]^2, values in [-1, 1]. */
export function hills(x: number, y: number): number {
  return Math.sin(Math.PI * x) * Math.cos(Math.PI * y);
}

/** Regression: (x, y) uniform in [-1, 1]^2, target hills(x, y) + noise * N(0, 1). */
export function makeHills({ n, noise, seed }: HillsOptions): RegressionDataset {
  checkToyOptions('n', n, noise, seed);
  const rng = mulberry32(seed);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Rounded to float32 first, so the target is exactly hills() of the stored point.
    const px = Math.fround(2 * rng() - 1);
    const py = Math.fround(2 * rng() - 1);
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = hills(px, py) + (noise > 0 ? noise * normal(rng) : 0);
  }
  return { task: 'regression', x, y, nFeatures: 2 };
}
