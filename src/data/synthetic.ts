// The table of synthetic datasets, one row per generator, with every parameter
// the UI shows (TensorFlow Playground's state.ts idea: one declarative list drives
// the controls, their validation and the generator call). No tfjs here: the page
// may import it to draw its controls.
import { intField, realField, ruleError, type NumberField } from '../shared/params';
import type { Dataset, Task } from './dataset';
import { SEED_FIELD, type DatasetBuilder } from './kinds/kind';
import type { SyntheticSetup } from './kinds/synthetic';
import { makeSpiral } from './spiral';
import { makeBlobs, makeCircles, makeHills, makeMoons, makeXor } from './toy2d';

/** One generator parameter: a number field (label, range, default, step) of the dataset form. */
export type ParamSpec = NumberField;

export type SyntheticId = 'spiral' | 'circles' | 'xor' | 'blobs' | 'moons' | 'hills';

export type ParamValues = Record<string, number>;

export interface SyntheticSpec {
  id: SyntheticId;
  label: string;
  task: Task;
  description: string;
  /** The generator's own parameters; the seed and the validation share are common to all kinds. */
  params: readonly ParamSpec[];
  /** `values` holds every key of `params` plus `seed`. */
  make(values: ParamValues): Dataset;
}

const perClass = intField('nPerClass', 'Points per class', 1, 5000, 200);
const noise = (def: number, max: number, help = 'Std of the Gaussian noise on each coordinate') =>
  realField('noise', 'Noise', 0, max, 0.01, def, help);

export const SYNTHETIC: readonly SyntheticSpec[] = [
  {
    id: 'spiral',
    label: 'Spiral',
    task: 'classification',
    description: 'Interleaved spiral arms (CS231n); noise jitters the angle',
    params: [perClass, intField('nClasses', 'Arms', 2, 8, 3), noise(0.2, 1, 'Std of the angle noise (radians)')],
    make: (v) => makeSpiral({ nPerClass: v.nPerClass, nClasses: v.nClasses, noise: v.noise, seed: v.seed }),
  },
  {
    id: 'circles',
    label: 'Circles',
    task: 'classification',
    description: 'A ring around a smaller ring (class 0 outside)',
    params: [perClass, noise(0.05, 0.5), realField('factor', 'Inner radius', 0.1, 0.9, 0.05, 0.5)],
    make: (v) => makeCircles({ nPerClass: v.nPerClass, noise: v.noise, factor: v.factor, seed: v.seed }),
  },
  {
    id: 'xor',
    label: 'XOR',
    task: 'classification',
    description: 'Class 1 where x and y have the same sign',
    params: [perClass, noise(0.05, 0.5)],
    make: (v) => makeXor({ nPerClass: v.nPerClass, noise: v.noise, seed: v.seed }),
  },
  {
    id: 'blobs',
    label: 'Gaussian blobs',
    task: 'classification',
    description: 'One Gaussian cloud per class, centres on a ring',
    params: [perClass, intField('nClasses', 'Blobs', 2, 8, 3), noise(0.2, 1, 'Std of each blob')],
    make: (v) => makeBlobs({ nPerClass: v.nPerClass, nClasses: v.nClasses, noise: v.noise, seed: v.seed }),
  },
  {
    id: 'moons',
    label: 'Moons',
    task: 'classification',
    description: 'Two interleaving half circles (scikit-learn)',
    params: [perClass, noise(0.1, 0.5)],
    make: (v) => makeMoons({ nPerClass: v.nPerClass, noise: v.noise, seed: v.seed }),
  },
  {
    id: 'hills',
    label: 'Sine hills (regression)',
    task: 'regression',
    description: 'Predict z = sin(πx)·cos(πy) + noise from (x, y)',
    params: [intField('n', 'Points', 10, 20000, 1000), noise(0.1, 1, 'Std of the noise on the target')],
    make: (v) => makeHills({ n: v.n, noise: v.noise, seed: v.seed }),
  },
];

export function syntheticSpec(id: SyntheticId): SyntheticSpec {
  const spec = SYNTHETIC.find((s) => s.id === id);
  if (!spec) throw new Error(`unknown synthetic dataset '${id}'`);
  return spec;
}

/** Every parameter of `spec` (and the seed) at its default. */
export function defaultParams(spec: SyntheticSpec): ParamValues {
  return Object.fromEntries([...spec.params, SEED_FIELD].map((p) => [p.key, p.default]));
}

/** The dataset `id` with `values` over the defaults; throws a RangeError with the first reason to refuse. */
export function makeSynthetic(id: SyntheticId, values: Partial<ParamValues> = {}): Dataset {
  const spec = syntheticSpec(id);
  const all = { ...defaultParams(spec), ...values } as ParamValues;
  for (const p of [...spec.params, SEED_FIELD]) {
    const err = ruleError(p, all[p.key]);
    if (err) throw new RangeError(err);
  }
  return spec.make(all);
}

/** The synthetic kind's builder. */
export const syntheticBuilder: DatasetBuilder<SyntheticSetup> = {
  make: (ds) => ({ name: syntheticSpec(ds.id).label, full: makeSynthetic(ds.id, { ...ds.params, seed: ds.seed }) }),
};
