// GradientClip: the global L2 norm after clipping is at most maxNorm (checked independently), direction kept.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { Callback, CancelStepException, type Learner } from '../learner';
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

describe('GradientClip stats: how often it clipped, the global norm before and after, per epoch', () => {
  /** Before the clip (order 10), sets the gradients of the 2→2 dense layer to known values, one set per training batch. */
  class KnownGrads extends Callback {
    constructor(private readonly sets: Array<[number[][], number[]]>) {
      super();
      this.order = 10;
    }
    before_step() {
      const learn = this.learn!;
      const [kernel, bias] = this.sets[learn.iter];
      tf.dispose(learn.grads!);
      learn.grads = [tf.tensor2d(kernel), tf.tensor1d(bias)];
    }
  }
  // global norms 5, 0.5 and 2 (‖[3, 4]‖, ‖[0.3, 0.4]‖, ‖[2]‖): maxNorm 1 clips the first and the last
  const SETS: Array<[number[][], number[]]> = [
    [
      [
        [0, 3],
        [0, 0],
      ],
      [4, 0],
    ],
    [
      [
        [0, 0.3],
        [0, 0],
      ],
      [0.4, 0],
    ],
    [
      [
        [0, 0],
        [0, 0],
      ],
      [0, 2],
    ],
  ];
  const after = [5 / (5 + 1e-6), 0.5, (2 * 1) / (2 + 1e-6)];

  it('counts the clipped batches and gives mean / max of the norm before and after, from one read per epoch', async () => {
    const clip = new GradientClip(1);
    const heard: unknown[] = [];
    clip.subscribe((e) => heard.push(e));
    const seenAtEpochEnd: number[] = [];
    class AtEpochEnd extends Callback {
      override order = 100;
      after_epoch() {
        seenAtEpochEnd.push(clip.epochs.length);
      }
    }
    const learn = makeLearner({ trainBatches: 3, lr: 0.01 });
    live.push(learn);
    await learn.fit(1); // the optimizer exists before we count
    const n0 = tf.memory().numTensors;
    await learn.fit(2, { cbs: [new KnownGrads(SETS), clip, new AtEpochEnd()] });
    expect(tf.memory().numTensors).toBe(n0);
    expect(clip.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    for (const e of clip.epochs) {
      expect(e).toMatchObject({ batches: 3, clipped: 2 });
      expect(e.meanNorm).toBeCloseTo((5 + 0.5 + 2) / 3, 5);
      expect(e.maxNorm).toBeCloseTo(5, 5);
      expect(e.meanNormAfter).toBeCloseTo((after[0] + after[1] + after[2]) / 3, 5);
      expect(e.maxNormAfter).toBeCloseTo(after[0], 5);
    }
    expect(heard).toEqual(clip.epochs);
    expect(seenAtEpochEnd).toEqual([1, 2]); // each epoch's stats are in before the epoch ends
  });

  it('a norm just under maxNorm is not clipped; nothing counted when nothing steps; a new fit starts afresh', async () => {
    const clip = new GradientClip(2 + 1e-3);
    const learn = makeLearner({ trainBatches: 3 });
    live.push(learn);
    await learn.fit(1, { cbs: [new KnownGrads(SETS), clip] });
    expect(clip.epochs).toMatchObject([{ epoch: 0, batches: 3, clipped: 1 }]);
    const none = new GradientClip(1);
    class NoStep extends Callback {
      override order = 5;
      before_step() {
        throw new CancelStepException();
      }
    }
    await learn.fit(1, { cbs: [new NoStep(), none] });
    expect(none.epochs).toEqual([]);
    await learn.fit(1, { cbs: [new KnownGrads(SETS), clip] });
    expect(clip.epochs).toHaveLength(1);
  });
});
