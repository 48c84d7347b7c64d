// GradientClip: the global L2 norm after clipping is at most maxNorm (checked independently), direction kept.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { Callback, type Learner } from '../learner';
import { GradientClip } from './gradient-clip';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

/** Copies learn.grads at before_step, as plain numbers. */
class GradProbe extends Callback {
  seen: number[][][] = [];
  constructor(order: number) {
    super();
    this.order = order;
  }
  before_step() {
    this.seen.push(this.learn!.grads!.map((g) => Array.from(g.dataSync())));
  }
}

const globalNorm = (grads: number[][]) => Math.sqrt(grads.flat().reduce((s, v) => s + v * v, 0));

describe('GradientClip', () => {
  it.each([0.05, 0.2, 100])('maxNorm %s: norm ≤ maxNorm, g·min(1, max/(‖g‖+1e-6)), no leaks', async (maxNorm) => {
    const before = new GradProbe(10);
    const after = new GradProbe(12);
    const learn = makeLearner({ trainBatches: 3, lr: 1 });
    live.push(learn);
    const n0 = tf.memory().numTensors;
    await learn.fit(2, { cbs: [before, new GradientClip(maxNorm), after] });
    expect(tf.memory().numTensors).toBe(n0);
    expect(after.seen).toHaveLength(6);
    before.seen.forEach((g, k) => {
      const norm = globalNorm(g);
      const coef = Math.min(1, maxNorm / (norm + 1e-6));
      expect(globalNorm(after.seen[k])).toBeLessThanOrEqual(maxNorm * (1 + 1e-5));
      after.seen[k].forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(g[i][j] * coef, 6)));
    });
    if (maxNorm === 100) expect(after.seen).toEqual(before.seen);
    else expect(before.seen.some((g) => globalNorm(g) > maxNorm)).toBe(true); // the test clips something
  });

  it('runs after MixedPrecision (10) and before the step', () => {
    expect(new GradientClip().order).toBe(11);
    expect(new GradientClip().maxNorm).toBe(1);
  });
});
