// LRFinder: exponential lr, no validation, fastai's stop rule, weights and optimizer restored, lrFind.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventLogger, disposeLearner, makeLearner, useCpuBackend, weightValues } from '../learner/fixtures.test.util';
import { Adam, type Learner } from '../learner';
import { scriptedLoss } from './fixtures.test.util';
import { LRFinder, lrFind } from './lr-finder';

beforeAll(useCpuBackend);
const live: Learner[] = [];
const track = (l: Learner) => (live.push(l), l);
afterEach(() => live.splice(0).forEach(disposeLearner));

function stepLrs(learn: Learner): number[] {
  const seen: number[] = [];
  // the finder trains a fresh optimizer: spy on the optimizer factory's products
  const optFunc = learn.optFunc;
  learn.optFunc = (params, hypers) => {
    const opt = optFunc(params, hypers);
    const step = opt.step.bind(opt);
    opt.step = (g) => (seen.push(opt.hypers.lr), step(g));
    return opt;
  };
  return seen;
}

describe('LRFinder', () => {
  it('lr grows exponentially from startLr to endLr, numIt batches, never validating', async () => {
    const learn = track(makeLearner({ trainBatches: 3 }));
    learn.createOpt();
    const seen = stepLrs(learn);
    const logger = new EventLogger();
    await learn.fit(5, { cbs: [new LRFinder({ startLr: 1e-4, endLr: 1, numIt: 8, stopDiv: false }), logger] });
    expect(seen).toHaveLength(8);
    seen.forEach((lr, i) => expect(lr / (1e-4 * 1e4 ** (i / 8))).toBeCloseTo(1, 10));
    // 3 + 3 + 2 batches: the fit stops inside epoch 2, so epochs 0 and 1 reach validation, which is cancelled
    expect(logger.events.filter((e) => e === 'before_validate')).toHaveLength(2);
    expect(logger.events.filter((e) => e === 'after_cancel_validate')).toHaveLength(2);
    expect(logger.events.filter((e) => e === 'after_cancel_fit')).toHaveLength(1);
    expect(logger.events.filter((e) => e === 'before_batch')).toHaveLength(8); // training batches only
  });

  it('numIt below 6 becomes 6, as fastai', () => {
    expect(new LRFinder({ numIt: 2 }).numIt).toBe(6);
  });

  it('stops at the first batch whose smoothed loss exceeds 4× the best (hand-computed)', async () => {
    // Ten losses of 1 keep the smoothed loss at 1. The 11th, 100, gives
    // (0.98·(1 − 0.98¹⁰) + 0.02·100) / (1 − 0.98¹¹) ≈ 10.94 > 4: the fit stops after 11 batches.
    const learn = track(makeLearner({ trainBatches: 3 }));
    learn.lossFunc = scriptedLoss([...Array(10).fill(1), 100, 100, 100]);
    await learn.fit(10, { cbs: [new LRFinder({ numIt: 50 })] });
    const rec = learn.recorder!;
    expect(rec.losses).toHaveLength(11);
    expect(rec.losses[9]).toBeCloseTo(1, 10);
    const s = 0.98 * (1 - 0.98 ** 10) + 0.02 * 100;
    expect(rec.losses[10]).toBeCloseTo(s / (1 - 0.98 ** 11), 4);
    // a bump below 4× does not stop it
    const learn2 = track(makeLearner({ trainBatches: 3 }));
    learn2.lossFunc = scriptedLoss([...Array(10).fill(1), 2, 2]);
    await learn2.fit(10, { cbs: [new LRFinder({ numIt: 12 })] });
    expect(learn2.recorder!.losses).toHaveLength(12);
  });

  it('stops at a NaN smoothed loss (fastai runs on: NaN > 4·best is false there)', async () => {
    // fastai's after_batch: `smooth_loss > 4*best_loss and stop_div` is False for NaN, so it trains on to
    // num_it = 12. Ours stops at the batch whose smoothed loss is NaN: the 6th.
    const learn = track(makeLearner({ trainBatches: 3 }));
    learn.lossFunc = scriptedLoss([1, 1, 1, 1, 1, NaN, 1]);
    await learn.fit(10, { cbs: [new LRFinder({ numIt: 12 })] });
    const rec = learn.recorder!;
    expect(rec.losses).toHaveLength(6);
    expect(rec.losses[5]).toBeNaN();
    // stopDiv false: no divergence test at all, as fastai; runs the 12 batches.
    const learn2 = track(makeLearner({ trainBatches: 3 }));
    learn2.lossFunc = scriptedLoss([1, 1, 1, 1, 1, NaN, 1]);
    await learn2.fit(10, { cbs: [new LRFinder({ numIt: 12, stopDiv: false })] });
    expect(learn2.recorder!.losses).toHaveLength(12);
  });

  it('restores the weights, the optimizer and its state, and the Recorder cadence; no tensor leaks', async () => {
    const learn = track(makeLearner({ trainBatches: 2, optFunc: Adam }));
    await learn.fit(1); // Adam now has state
    const opt = learn.opt!;
    const weights = weightValues(learn.model);
    const readEvery = learn.recorder!.readEvery;
    const before = tf.memory().numTensors;
    await learn.fit(4, { cbs: [new LRFinder({ startLr: 1e-2, endLr: 10, numIt: 6 })] });
    expect(weightValues(learn.model)).toEqual(weights);
    expect(learn.opt).toBe(opt);
    expect(learn.recorder!.readEvery).toBe(readEvery);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('restores the weights when the fit fails', async () => {
    const learn = track(makeLearner({ trainBatches: 2 }));
    const weights = weightValues(learn.model);
    const { Callback } = await import('../learner');
    class Boom extends Callback {
      after_step() {
        if (this.learn!.trainIter === 2) throw new Error('boom');
      }
    }
    const before = tf.memory().numTensors;
    await expect(learn.fit(4, { cbs: [new LRFinder({ startLr: 1e-2, numIt: 10 }), new Boom()] })).rejects.toThrow(/boom/);
    expect(weightValues(learn.model)).toEqual(weights);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('lrFind', () => {
  it('returns the curve and suggestions, leaves the model unchanged', async () => {
    const learn = track(makeLearner({ trainBatches: 3 }));
    const weights = weightValues(learn.model);
    const r = await lrFind(learn, { startLr: 1e-3, endLr: 100, numIt: 30 });
    expect(weightValues(learn.model)).toEqual(weights);
    expect(r.lrs.length).toBe(r.losses.length);
    expect(r.lrs.length).toBeGreaterThan(5);
    expect(r.lrs.length).toBeLessThanOrEqual(30);
    for (let i = 1; i < r.lrs.length; i++) expect(r.lrs[i]).toBeGreaterThan(r.lrs[i - 1]);
    expect(r.suggestions.minimum).not.toBeNull();
    expect(r.suggestions.valley!.lr).toBeGreaterThanOrEqual(r.lrs[0]);
    expect(learn.cb(LRFinder)).toBeUndefined();
  });
});
