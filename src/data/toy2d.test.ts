import { describe, expect, it } from 'vitest';
import { assertConsistent, classCounts, type ClassificationDataset } from './dataset';
import {
  BLOB_RING,
  MOONS_CENTER,
  MOONS_SCALE,
  XOR_MARGIN,
  blobCenters,
  hills,
  makeBlobs,
  makeCircles,
  makeHills,
  makeMoons,
  makeXor,
} from './toy2d';

const base = { nPerClass: 60, noise: 0.1, seed: 42 };
const point = (ds: { x: Float32Array }, i: number): [number, number] => [ds.x[2 * i], ds.x[2 * i + 1]];
const eps = 1e-6;

const classifiers: [string, (o: typeof base) => ClassificationDataset, number][] = [
  ['circles', (o) => makeCircles(o), 2],
  ['xor', (o) => makeXor(o), 2],
  ['blobs', (o) => makeBlobs({ ...o, nClasses: 4 }), 4],
  ['moons', (o) => makeMoons(o), 2],
];

describe.each(classifiers)('%s', (_name, make, nClasses) => {
  it('has the right shapes, types and task', () => {
    const ds = make(base);
    expect(ds.task).toBe('classification');
    expect(ds.x).toBeInstanceOf(Float32Array);
    expect(ds.y).toBeInstanceOf(Int32Array);
    expect(ds.x.length).toBe(60 * nClasses * 2);
    expect(ds.y.length).toBe(60 * nClasses);
    expect(ds.nFeatures).toBe(2);
    expect(ds.nClasses).toBe(nClasses);
    expect(ds.imageShape).toBeUndefined();
    expect(() => assertConsistent(ds)).not.toThrow();
    expect(ds.x.every((v) => Number.isFinite(v) && Math.abs(v) < 2)).toBe(true);
  });

  it('is exactly balanced across classes', () => {
    expect(classCounts(make({ ...base, nPerClass: 37 }))).toEqual(new Array(nClasses).fill(37));
  });

  it('is reproducible from its seed, and the seed matters', () => {
    expect(make(base)).toEqual(make(base));
    expect(make({ ...base, seed: 43 }).x).not.toEqual(make(base).x);
  });

  it('refuses impossible options with the option named', () => {
    expect(() => make({ ...base, nPerClass: 0 })).toThrow('nPerClass must be a whole number >= 1, got 0');
    expect(() => make({ ...base, nPerClass: 2.5 })).toThrow('nPerClass');
    expect(() => make({ ...base, noise: -1 })).toThrow('noise must be a number >= 0, got -1');
    expect(() => make({ ...base, noise: NaN })).toThrow('noise');
  });
});

describe('makeCircles', () => {
  it('puts class 0 on radius 1 and class 1 on radius factor when noise is 0', () => {
    for (const factor of [0.5, 0.3]) {
      const ds = makeCircles({ ...base, noise: 0, factor });
      for (let i = 0; i < ds.y.length; i++) {
        expect(Math.hypot(...point(ds, i))).toBeCloseTo(ds.y[i] === 0 ? 1 : factor, 6);
      }
    }
  });

  it('spreads the radii with noise', () => {
    const ds = makeCircles({ ...base, noise: 0.1 });
    const r = Array.from({ length: 60 }, (_, i) => Math.hypot(...point(ds, i)));
    expect(Math.max(...r) - Math.min(...r)).toBeGreaterThan(0.1);
  });

  it('refuses a factor outside (0, 1)', () => {
    expect(() => makeCircles({ ...base, factor: 1 })).toThrow('factor must be in (0, 1), got 1');
  });
});

describe('makeXor', () => {
  it('labels by the sign of x * y and keeps the margin when noise is 0', () => {
    const ds = makeXor({ ...base, noise: 0 });
    const quadrants = new Set<string>();
    for (let i = 0; i < ds.y.length; i++) {
      const [px, py] = point(ds, i);
      expect(px * py > 0 ? 1 : 0).toBe(ds.y[i]);
      expect(Math.min(Math.abs(px), Math.abs(py))).toBeGreaterThanOrEqual(XOR_MARGIN - eps);
      expect(Math.max(Math.abs(px), Math.abs(py))).toBeLessThanOrEqual(1 + eps);
      quadrants.add(`${Math.sign(px)},${Math.sign(py)}`);
    }
    expect(quadrants.size).toBe(4);
  });
});

describe('makeBlobs', () => {
  it('puts every point on its centre when noise is 0; centres sit on the ring', () => {
    const ds = makeBlobs({ ...base, noise: 0, nClasses: 3 });
    const centers = blobCenters(3);
    for (const c of centers) expect(Math.hypot(...c)).toBeCloseTo(BLOB_RING, 10);
    for (let i = 0; i < ds.y.length; i++) {
      const [px, py] = point(ds, i);
      expect(px).toBeCloseTo(centers[ds.y[i]][0], 6);
      expect(py).toBeCloseTo(centers[ds.y[i]][1], 6);
    }
  });

  it('has a spread close to noise', () => {
    const ds = makeBlobs({ ...base, nPerClass: 2000, noise: 0.2, nClasses: 2 });
    const [cx] = blobCenters(2)[0];
    const xs = Array.from({ length: 2000 }, (_, i) => ds.x[2 * i] - cx);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(std).toBeCloseTo(0.2, 1);
  });

  it('refuses fewer than two classes', () => {
    expect(() => makeBlobs({ ...base, nClasses: 1 })).toThrow('nClasses must be a whole number >= 2, got 1');
  });
});

describe('makeMoons', () => {
  it('puts each moon on its unit half circle when noise is 0', () => {
    const ds = makeMoons({ ...base, noise: 0 });
    for (let i = 0; i < ds.y.length; i++) {
      // Undo the centring and scaling, back to scikit-learn's coordinates.
      const [px, py] = point(ds, i).map((v, k) => v / MOONS_SCALE + MOONS_CENTER[k]);
      if (ds.y[i] === 0) {
        expect(Math.hypot(px, py)).toBeCloseTo(1, 5);
        expect(py).toBeGreaterThanOrEqual(-eps);
      } else {
        expect(Math.hypot(px - 1, py - 0.5)).toBeCloseTo(1, 5);
        expect(py).toBeLessThanOrEqual(0.5 + eps);
      }
    }
  });

  it('fits the [-1, 1] x [-0.5, 0.5] box when noise is 0', () => {
    const ds = makeMoons({ ...base, noise: 0 });
    for (let i = 0; i < ds.y.length; i++) {
      const [px, py] = point(ds, i);
      expect(Math.abs(px)).toBeLessThanOrEqual(1 + eps);
      expect(Math.abs(py)).toBeLessThanOrEqual(0.5 + eps);
    }
  });
});

describe('makeHills (regression)', () => {
  const opts = { n: 500, noise: 0.1, seed: 7 };

  it('has the right shapes, types and task', () => {
    const ds = makeHills(opts);
    expect(ds.task).toBe('regression');
    expect(ds.x).toBeInstanceOf(Float32Array);
    expect(ds.y).toBeInstanceOf(Float32Array);
    expect(ds.x.length).toBe(1000);
    expect(ds.y.length).toBe(500);
    expect(ds.nFeatures).toBe(2);
    expect(ds.nClasses).toBeUndefined();
    expect(() => assertConsistent(ds)).not.toThrow();
    expect(ds.x.every((v) => v >= -1 && v < 1)).toBe(true);
  });

  it('is exactly sin(pi x) cos(pi y) when noise is 0', () => {
    const ds = makeHills({ ...opts, noise: 0 });
    for (let i = 0; i < ds.y.length; i++) expect(ds.y[i]).toBeCloseTo(hills(ds.x[2 * i], ds.x[2 * i + 1]), 6);
    expect(hills(0.5, 0)).toBeCloseTo(1, 12);
    expect(hills(-0.5, 0)).toBeCloseTo(-1, 12);
    expect(hills(0.5, 0.5)).toBeCloseTo(0, 12);
  });

  it('adds noise with the requested spread', () => {
    const ds = makeHills({ ...opts, n: 4000, noise: 0.1 });
    const r = Array.from(ds.y, (v, i) => v - hills(ds.x[2 * i], ds.x[2 * i + 1]));
    const std = Math.sqrt(r.reduce((a, b) => a + b * b, 0) / r.length);
    expect(std).toBeCloseTo(0.1, 2);
  });

  it('is reproducible from its seed, and the seed matters', () => {
    expect(makeHills(opts)).toEqual(makeHills(opts));
    expect(makeHills({ ...opts, seed: 8 }).y).not.toEqual(makeHills(opts).y);
  });

  it('refuses impossible options', () => {
    expect(() => makeHills({ ...opts, n: 0 })).toThrow('n must be a whole number >= 1, got 0');
  });
});
