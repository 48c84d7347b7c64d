// Seeded 2-D spiral classification data (the classic CS231n toy problem):
// nClasses interleaved arms, nPerClass points each, Gaussian angle noise.
import type { ClassificationDataset } from './dataset';
import { mulberry32, normal } from './random';
import { checkToyOptions } from './toy2d';

// The split and the common Dataset type live in their own modules; re-exported
// here for the code written before they did.
export type { ClassificationDataset as Dataset } from './dataset';
export { splitTrainValid, take } from './split';

export interface SpiralOptions {
  nPerClass: number;
  nClasses: number;
  /** Standard deviation of the angle noise (radians); 0.2 is the classic value. */
  noise: number;
  seed: number;
}

export function makeSpiral({ nPerClass, nClasses, noise, seed }: SpiralOptions): ClassificationDataset {
  checkToyOptions('nPerClass', nPerClass, noise, seed);
  if (!(Number.isInteger(nClasses) && nClasses >= 2)) throw new RangeError(`nClasses must be a whole number >= 2, got ${nClasses}`);
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
  return { task: 'classification', x, y, nFeatures: 2, nClasses };
}
