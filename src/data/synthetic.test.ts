import { describe, expect, it } from 'vitest';
import { assertConsistent, classCounts } from './dataset';
import { SEED_PARAM, SYNTHETIC, VALID_PCT_PARAM, defaultParams, makeSynthetic, paramError, syntheticSpec } from './synthetic';

describe('SYNTHETIC table', () => {
  it('lists the six generators once each', () => {
    expect(SYNTHETIC.map((s) => s.id)).toEqual(['spiral', 'circles', 'xor', 'blobs', 'moons', 'hills']);
    expect(SYNTHETIC.filter((s) => s.task === 'regression').map((s) => s.id)).toEqual(['hills']);
  });

  it('has sane parameter specs whose defaults are accepted', () => {
    for (const p of [...SYNTHETIC.flatMap((s) => s.params), SEED_PARAM, VALID_PCT_PARAM]) {
      expect(p.min).toBeLessThan(p.max);
      expect(p.step).toBeGreaterThan(0);
      expect(paramError(p, p.default)).toBeNull();
    }
  });

  describe.each(SYNTHETIC.map((s) => [s.id, s] as const))('%s', (id, spec) => {
    it('makes a consistent 2-D dataset of its task from the defaults', () => {
      const ds = makeSynthetic(id);
      expect(ds.task).toBe(spec.task);
      expect(ds.nFeatures).toBe(2);
      expect(() => assertConsistent(ds)).not.toThrow();
      expect(ds.x.every(Number.isFinite)).toBe(true);
      expect(Array.from(ds.y).every(Number.isFinite)).toBe(true);
      if (ds.task === 'classification') {
        const counts = classCounts(ds);
        expect(counts.every((c) => c === defaultParams(spec).nPerClass)).toBe(true);
      }
    });

    it('wires every parameter and the seed into the generator', () => {
      const base = makeSynthetic(id);
      for (const p of [...spec.params, SEED_PARAM]) {
        const other = p.default + p.step <= p.max ? p.default + p.step : p.default - p.step;
        expect(makeSynthetic(id, { [p.key]: other }), p.key).not.toEqual(base);
      }
      expect(makeSynthetic(id, { seed: 5 })).toEqual(makeSynthetic(id, { seed: 5 }));
    });
  });
});

describe('paramError and makeSynthetic', () => {
  const n = syntheticSpec('spiral').params[0];

  it('gives a reason for each refused value', () => {
    expect(paramError(n, 0)).toBe('Points per class must be between 1 and 5000');
    expect(paramError(n, 1e9)).toBe('Points per class must be between 1 and 5000');
    expect(paramError(n, 2.5)).toBe('Points per class must be a whole number');
    expect(paramError(n, NaN)).toBe('Points per class must be a number');
    expect(paramError(n, Infinity)).toBe('Points per class must be a number');
    expect(paramError(VALID_PCT_PARAM, 0.95)).toBe('Validation share must be between 0.05 and 0.9');
  });

  it('refuses bad values with that reason', () => {
    expect(() => makeSynthetic('moons', { noise: -0.1 })).toThrow('Noise must be between 0 and 0.5');
    expect(() => makeSynthetic('blobs', { nClasses: 1 })).toThrow('Blobs must be between 2 and 8');
    expect(() => makeSynthetic('hills', { seed: 1.5 })).toThrow('Seed must be a whole number');
    expect(() => syntheticSpec('nope' as never)).toThrow("unknown synthetic dataset 'nope'");
  });
});
