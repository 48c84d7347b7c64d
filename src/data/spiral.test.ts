import { describe, expect, it } from 'vitest';
import { makeSpiral, splitTrainValid } from './spiral';
import { mulberry32, permutation } from './random';

const opts = { nPerClass: 50, nClasses: 3, noise: 0.2, seed: 42 };

describe('mulberry32', () => {
  it('is deterministic and uniform-ish in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('permutation is a permutation', () => {
    const p = Array.from(permutation(100, mulberry32(1)));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('makeSpiral', () => {
  it('has the right shapes and types', () => {
    const ds = makeSpiral(opts);
    expect(ds.x).toBeInstanceOf(Float32Array);
    expect(ds.y).toBeInstanceOf(Int32Array);
    expect(ds.x.length).toBe(150 * 2);
    expect(ds.y.length).toBe(150);
    expect(ds.nFeatures).toBe(2);
    expect(ds.nClasses).toBe(3);
    expect(ds.x.every((v) => Number.isFinite(v) && Math.abs(v) <= 1.0001)).toBe(true);
  });

  it('is balanced across classes', () => {
    const ds = makeSpiral(opts);
    const counts = [0, 0, 0];
    ds.y.forEach((c) => counts[c]++);
    expect(counts).toEqual([50, 50, 50]);
  });

  it('is reproducible from its seed, and the seed matters', () => {
    expect(makeSpiral(opts)).toEqual(makeSpiral(opts));
    expect(makeSpiral({ ...opts, seed: 43 }).x).not.toEqual(makeSpiral(opts).x);
  });
});

describe('splitTrainValid', () => {
  it('splits every row exactly once, reproducibly', () => {
    const ds = makeSpiral(opts);
    const { train, valid } = splitTrainValid(ds, 0.2, 1);
    expect(valid.y.length).toBe(30);
    expect(train.y.length).toBe(120);
    expect(train.x.length).toBe(240);
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const all = new Set(Array.from({ length: 150 }, (_, i) => key(ds.x, i)));
    const seen = [...Array.from({ length: 120 }, (_, i) => key(train.x, i)), ...Array.from({ length: 30 }, (_, i) => key(valid.x, i))];
    expect(new Set(seen)).toEqual(all);
    expect(splitTrainValid(ds, 0.2, 1)).toEqual({ train, valid });
    expect(splitTrainValid(ds, 0.2, 2).valid.x).not.toEqual(valid.x);
  });

  it('keeps every class in both halves (seeded, roughly balanced)', () => {
    const { train, valid } = splitTrainValid(makeSpiral({ ...opts, nPerClass: 100 }), 0.2, 3);
    for (const part of [train, valid]) {
      const counts = [0, 0, 0];
      part.y.forEach((c) => counts[c]++);
      const n = part.y.length;
      for (const c of counts) expect(c / n).toBeGreaterThan(0.2);
    }
  });
});
