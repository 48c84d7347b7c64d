import { describe, expect, it } from 'vitest';
import { assertConsistent, classCounts } from './dataset';
import { ruleError } from '../shared/params';
import { SEED_FIELD, VALID_PCT_FIELD } from './kinds/kind';
import { SYNTHETIC, defaultParams, makeSynthetic, syntheticSpec } from './synthetic';

describe('SYNTHETIC table', () => {
  it('lists the six generators once each', () => {
    expect(SYNTHETIC.map((s) => s.id)).toEqual(['spiral', 'circles', 'xor', 'blobs', 'moons', 'hills']);
    expect(SYNTHETIC.filter((s) => s.task === 'regression').map((s) => s.id)).toEqual(['hills']);
  });

  it('has sane parameter specs whose defaults are accepted', () => {
    for (const p of [...SYNTHETIC.flatMap((s) => s.params), SEED_FIELD, VALID_PCT_FIELD]) {
      expect(p.min).toBeLessThan(p.max);
      expect(p.step).toBeGreaterThan(0);
      expect(ruleError(p, p.default)).toBeNull();
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
      for (const p of [...spec.params, SEED_FIELD]) {
        const other = p.default + p.step <= p.max ? p.default + p.step : p.default - p.step;
        expect(makeSynthetic(id, { [p.key]: other }), p.key).not.toEqual(base);
      }
      expect(makeSynthetic(id, { seed: 5 })).toEqual(makeSynthetic(id, { seed: 5 }));
    });
  });
});

describe('ruleError and makeSynthetic', () => {
  const n = syntheticSpec('spiral').params[0];

  it('gives a reason for each refused value', () => {
    expect(ruleError(n, 0)).toBe('Points per class must be at least 1');
    expect(ruleError(n, 1e9)).toBe('Points per class must be at most 5000');
    expect(ruleError(n, 2.5)).toBe('Points per class must be a whole number');
    expect(ruleError(n, NaN)).toBe('Points per class must be a number');
    expect(ruleError(n, Infinity)).toBe('Points per class must be a number');
    expect(ruleError(VALID_PCT_FIELD, 0.95)).toBe('Validation share must be at most 0.9');
  });

  it('refuses bad values with that reason', () => {
    expect(() => makeSynthetic('moons', { noise: -0.1 })).toThrow('Noise must be at least 0');
    expect(() => makeSynthetic('blobs', { nClasses: 1 })).toThrow('Blobs must be at least 2');
    expect(() => makeSynthetic('hills', { seed: 1.5 })).toThrow('Seed must be a whole number');
    expect(() => syntheticSpec('nope' as never)).toThrow("unknown synthetic dataset 'nope'");
  });
});
