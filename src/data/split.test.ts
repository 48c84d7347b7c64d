import { describe, expect, it } from 'vitest';
import { classCounts, type ClassificationDataset } from './dataset';
import { splitTrainValid, take } from './split';
import { makeHills } from './toy2d';

// Row i has features [i, -i]: a row's origin is readable from its values.
function labelled(counts: number[]): ClassificationDataset {
  const y = Int32Array.from(counts.flatMap((n, c) => new Array<number>(n).fill(c)));
  const x = Float32Array.from({ length: y.length * 2 }, (_, k) => (k % 2 === 0 ? k / 2 : -(k - 1) / 2));
  return { task: 'classification', x, y, nFeatures: 2, nClasses: counts.length, classNames: counts.map((_, c) => `c${c}`) };
}

const rowsOf = (ds: { x: Float32Array; y: ArrayLike<number> }) => Array.from({ length: ds.y.length }, (_, i) => ds.x[2 * i]);

describe('take', () => {
  it('copies rows and keeps the metadata', () => {
    const ds = { ...labelled([2, 3]), imageShape: [2, 1, 1] as const };
    const t = take(ds, [4, 0]);
    expect(Array.from(t.x)).toEqual([4, -4, 0, -0]);
    expect(Array.from(t.y)).toEqual([1, 0]);
    expect(t.classNames).toEqual(['c0', 'c1']);
    expect(t.imageShape).toEqual([2, 1, 1]);
    t.x[0] = 99;
    expect(ds.x[8]).toBe(4);
  });
});

describe('splitTrainValid', () => {
  it('stratifies classification data: exact shares per class, every row once', () => {
    const ds = labelled([500, 300, 200]);
    const { train, valid } = splitTrainValid(ds, 0.2, 1);
    expect(classCounts(valid)).toEqual([100, 60, 40]);
    expect(classCounts(train)).toEqual([400, 240, 160]);
    expect([...rowsOf(train), ...rowsOf(valid)].sort((a, b) => a - b)).toEqual(rowsOf(ds));
    for (const part of [train, valid]) {
      for (let i = 0; i < part.y.length; i++) expect(part.y[i]).toBe(ds.y[part.x[2 * i]]);
    }
  });

  it('rounds per class by largest remainder so the total is round(n * validPct)', () => {
    const { valid } = splitTrainValid(labelled([7, 7, 7]), 0.5, 3);
    expect(valid.y.length).toBe(11);
    expect(classCounts(valid).every((c) => c === 3 || c === 4)).toBe(true);
  });

  it('keeps a rare class in both halves', () => {
    const { train, valid } = splitTrainValid(labelled([95, 5]), 0.2, 4);
    expect(classCounts(valid)).toEqual([19, 1]);
    expect(classCounts(train)).toEqual([76, 4]);
    // A class of one row stays in train.
    expect(classCounts(splitTrainValid(labelled([9, 1]), 0.5, 4).train)[1]).toBe(1);
  });

  it('mixes the classes in both halves (the valid loader does not shuffle)', () => {
    const { train, valid } = splitTrainValid(labelled([100, 100]), 0.2, 5);
    for (const part of [train, valid]) {
      const firstHalf = Array.from(part.y.subarray(0, part.y.length / 2));
      expect(new Set(firstHalf).size).toBe(2);
    }
  });

  it('is reproducible from its seed, and the seed matters', () => {
    const ds = labelled([50, 50]);
    expect(splitTrainValid(ds, 0.3, 9)).toEqual(splitTrainValid(ds, 0.3, 9));
    expect(splitTrainValid(ds, 0.3, 10).valid.x).not.toEqual(splitTrainValid(ds, 0.3, 9).valid.x);
  });

  it('splits regression data at random, keeping float targets', () => {
    const ds = makeHills({ n: 100, noise: 0.1, seed: 1 });
    const { train, valid } = splitTrainValid(ds, 0.25, 2);
    expect(valid.y).toBeInstanceOf(Float32Array);
    expect(valid.task).toBe('regression');
    expect([train.y.length, valid.y.length]).toEqual([75, 25]);
    const targets = (d: typeof ds) => Array.from(d.y).sort((a, b) => a - b);
    expect([...targets(train), ...targets(valid)].sort((a, b) => a - b)).toEqual(targets(ds));
  });

  it('can switch stratification off', () => {
    const ds = labelled([50, 50]);
    const a = splitTrainValid(ds, 0.2, 3, { stratify: false });
    expect(a.valid.y.length).toBe(20);
    expect(a).not.toEqual(splitTrainValid(ds, 0.2, 3));
  });

  it('allows validPct 0 and refuses values outside [0, 1)', () => {
    const ds = labelled([5, 5]);
    expect(splitTrainValid(ds, 0, 1).valid.y.length).toBe(0);
    expect(splitTrainValid(ds, 0, 1).train.y.length).toBe(10);
    for (const bad of [1, -0.1, NaN, 2]) expect(() => splitTrainValid(ds, bad, 1)).toThrow(`validPct must be in [0, 1), got ${bad}`);
  });
});
