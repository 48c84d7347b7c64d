// Seeded 2-D spiral classification data (the classic CS231n toy problem):
// nClasses interleaved arms, nPerClass points each, Gaussian angle noise.
import { mulberry32, normal, permutation } from './random';

export interface Dataset {
  /** Row-major features, n * nFeatures. */
  x: Float32Array;
  /** Class labels 0..nClasses-1. */
  y: Int32Array;
  nFeatures: number;
  nClasses: number;
}

export interface SpiralOptions {
  nPerClass: number;
  nClasses: number;
  /** Standard deviation of the angle noise (radians); 0.2 is the classic value. */
  noise: number;
  seed: number;
}

export function makeSpiral({ nPerClass, nClasses, noise, seed }: SpiralOptions): Dataset {
  const rng = mulberry32(seed);
  const n = nPerClass * nClasses;
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const turn = 4; // radians swept by one arm
  for (let c = 0; c < nClasses; c++) {
    for (let i = 0; i < nPerClass; i++) {
      const k = c * nPerClass + i;
      const r = nPerClass === 1 ? 1 : i / (nPerClass - 1);
      const t = (c * 2 * Math.PI) / nClasses + r * turn + normal(rng) * noise;
      x[2 * k] = r * Math.sin(t);
      x[2 * k + 1] = r * Math.cos(t);
      y[k] = c;
    }
  }
  return { x, y, nFeatures: 2, nClasses };
}

/** Rows `idx` of a dataset, copied. */
export function take(ds: Dataset, idx: ArrayLike<number>): Dataset {
  const f = ds.nFeatures;
  const x = new Float32Array(idx.length * f);
  const y = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i];
    x.set(ds.x.subarray(j * f, (j + 1) * f), i * f);
    y[i] = ds.y[j];
  }
  return { x, y, nFeatures: f, nClasses: ds.nClasses };
}

/** Seeded random split: `validPct` of the rows go to valid, the rest to train. */
export function splitTrainValid(ds: Dataset, validPct: number, seed: number): { train: Dataset; valid: Dataset } {
  const n = ds.y.length;
  const nValid = Math.round(n * validPct);
  const idx = permutation(n, mulberry32(seed));
  return { valid: take(ds, idx.subarray(0, nValid)), train: take(ds, idx.subarray(nValid)) };
}
