// The Python port of the page's random numbers and split (in every exported fastai script), run in
// Python and compared with the TypeScript it ports.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mulberry32, normal, permutation } from '../random';
import { splitTrainValid } from '../split';
import type { ClassificationDataset, RegressionDataset } from '../dataset';
import { PAGE_RANDOM_PY } from './fastai-python';

const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import math'], { stdio: 'ignore' }).status === 0);
if (!PYTHON) console.warn('python3 not found: the Python port of the page random numbers is not checked (install python3)');

const LABELS = Array.from({ length: 37 }, (_, i) => ((i * 7) % 4 === 3 ? 2 : i % 2));

const PROBE = [
  'import json, math',
  ...PAGE_RANDOM_PY,
  'rng = page_rng(12345)',
  'u = [rng() for _ in range(5)]',
  'rng = page_rng(9)',
  'z = [page_normal(rng) for _ in range(5)]',
  `labels = ${JSON.stringify(LABELS)}`,
  'print(json.dumps({"u": u, "z": z, "perm": page_permutation(20, page_rng(3)),',
  '  "strat": page_split(labels, 0.3, 8, 3), "plain": page_split(list(range(23)), 0.25, 4)}))',
].join('\n');

describe.skipIf(!PYTHON)("the script's Python port of the page's random numbers and split", () => {
  it('gives the same uniforms, normals, permutation and train/valid rows as the page', () => {
    const r = spawnSync(PYTHON!, ['-c', PROBE], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { u: number[]; z: number[]; perm: number[]; strat: number[][]; plain: number[][] };
    const rng = mulberry32(12345);
    expect(out.u).toEqual(Array.from({ length: 5 }, () => rng()));
    const g = mulberry32(9);
    Array.from({ length: 5 }, () => normal(g)).forEach((z, i) => expect(out.z[i]).toBeCloseTo(z, 12));
    expect(out.perm).toEqual(Array.from(permutation(20, mulberry32(3))));
    // rows carry their index as their feature, so the split's rows are its indices
    const cls: ClassificationDataset = {
      task: 'classification',
      x: Float32Array.from(LABELS, (_, i) => i),
      y: Int32Array.from(LABELS),
      nFeatures: 1,
      nClasses: 3,
    };
    const s = splitTrainValid(cls, 0.3, 8);
    expect(out.strat).toEqual([Array.from(s.train.x), Array.from(s.valid.x)]);
    const reg: RegressionDataset = {
      task: 'regression',
      x: Float32Array.from({ length: 23 }, (_, i) => i),
      y: new Float32Array(23),
      nFeatures: 1,
    };
    const p = splitTrainValid(reg, 0.25, 4);
    expect(out.plain).toEqual([Array.from(p.train.x), Array.from(p.valid.x)]);
  });
});
