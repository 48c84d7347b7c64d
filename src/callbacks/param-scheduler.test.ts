// ParamScheduler and fit_one_cycle / fit_flat_cos: schedule values and the lr the optimizer really uses.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { Adam, type Learner } from '../learner';
import { ParamScheduler, fitFlatCos, fitOneCycle, flatCosScheds, oneCycleScheds } from './param-scheduler';
import { SchedLin } from './schedules';

beforeAll(useCpuBackend);
const live: Learner[] = [];
const track = (l: Learner) => (live.push(l), l);
afterEach(() => live.splice(0).forEach(disposeLearner));

/** Records the optimizer's hyper-parameters at every real step. */
function spyOnSteps(learn: Learner): Array<{ lr: number; mom: number }> {
  const seen: Array<{ lr: number; mom: number }> = [];
  const opt = learn.opt!;
  const step = opt.step.bind(opt);
  opt.step = (grads) => {
    seen.push({ lr: opt.hypers.lr, mom: opt.hypers.mom });
    step(grads);
  };
  return seen;
}

describe('one-cycle values (lrMax 0.01, div 25, divFinal 1e5, pctStart 0.25)', () => {
  const { lr, mom } = oneCycleScheds(0.01);
  it('lr: 4e-4 at 0, 0.01 at 0.25, 1e-7 at 1, cosine in between', () => {
    expect(lr!(0)).toBeCloseTo(4e-4, 15);
    expect(lr!(0.125)).toBeCloseTo((4e-4 + 0.01) / 2, 15); // warm-up midpoint
    expect(lr!(0.25)).toBeCloseTo(0.01, 15);
    expect(lr!(0.625)).toBeCloseTo((0.01 + 1e-7) / 2, 15); // annealing midpoint
    // pct 0.4375: a quarter of the annealing: 1e-7 + (0.01 − 1e-7)(1 + cos(π/4))/2
    expect(lr!(0.4375)).toBeCloseTo(1e-7 + ((0.01 - 1e-7) * (1 + Math.SQRT1_2)) / 2, 15);
    expect(lr!(1) / 1e-7).toBeCloseTo(1, 9);
  });
  it('momentum: 0.95 → 0.85 → 0.95', () => {
    expect(mom!(0)).toBeCloseTo(0.95, 12);
    expect(mom!(0.25)).toBeCloseTo(0.85, 12);
    expect(mom!(0.625)).toBeCloseTo(0.9, 12);
    expect(mom!(1)).toBeCloseTo(0.95, 12);
  });
  it('flat-cos: flat until 0.75, then cosine to lr/1e5', () => {
    const f = flatCosScheds(0.1).lr!;
    expect([0, 0.5, 0.75].map(f)).toEqual([0.1, 0.1, 0.1]);
    expect(f(0.875)).toBeCloseTo((0.1 + 1e-6) / 2, 12);
    expect(f(1)).toBeCloseTo(1e-6, 15);
  });
});

describe('ParamScheduler in a fit', () => {
  it('the lr and momentum used at each step equal the schedule at pct = trainIter / (nIter·nEpoch)', async () => {
    const learn = track(makeLearner({ trainBatches: 3, validBatches: 1, optFunc: Adam }));
    learn.createOpt();
    const seen = spyOnSteps(learn);
    const before = tf.memory().numTensors;
    await fitOneCycle(learn, 2, { lrMax: 0.05 });
    expect(tf.memory().numTensors).toBe(before + 2 * learn.params.length); // only Adam's two buffers per parameter
    const { lr, mom } = oneCycleScheds(0.05);
    expect(seen).toHaveLength(6);
    seen.forEach((s, i) => {
      expect(s.lr).toBeCloseTo(lr!(i / 6), 12);
      expect(s.mom).toBeCloseTo(mom!(i / 6), 12);
    });
    expect(learn.cb(ParamScheduler)).toBeUndefined(); // added for that fit only
  });

  it('records the values used in hps, one per training batch, and the Recorder sees them', async () => {
    const sched = new ParamScheduler({ lr: SchedLin(0.1, 0.2), wd: SchedLin(0, 0.3) });
    const learn = track(makeLearner({ trainBatches: 2, cbs: [sched] }));
    await learn.fit(2);
    await learn.recorder!.flush();
    expect(sched.hps.lr).toHaveLength(4);
    [0.1, 0.125, 0.15, 0.175].forEach((v, i) => expect(sched.hps.lr![i]).toBeCloseTo(v, 12));
    [0, 0.075, 0.15, 0.225].forEach((v, i) => expect(sched.hps.wd![i]).toBeCloseTo(v, 12));
    learn.recorder!.lrs.forEach((v, i) => expect(v).toBeCloseTo(sched.hps.lr![i], 12));
  });

  it('fitFlatCos uses the flat lr first and anneals at the end', async () => {
    const learn = track(makeLearner({ trainBatches: 2 }));
    learn.createOpt();
    const seen = spyOnSteps(learn);
    await fitFlatCos(learn, 2, { lr: 0.2, pctStart: 0.5 });
    const f = flatCosScheds(0.2, { pctStart: 0.5 }).lr!;
    expect(seen.map((s) => s.lr)).toEqual([0, 0.25, 0.5, 0.75].map(f));
    expect(seen[0].lr).toBe(0.2);
    expect(seen[3].lr).toBeLessThan(0.2);
  });

  it('fitOneCycle(startEpoch) resumes the schedule at pct = startEpoch / nEpoch', async () => {
    // fastai: fit_one_cycle(4, 0.1, start_epoch=2) → fit(..., start_epoch=2) adds SkipToEpoch(2); epochs 0 and 1
    // are cancelled at before_epoch, so TrainEvalCallback.before_train first runs at epoch 2: pct_train = 2/4.
    // combined_cos(0.25, 0.1/25, 0.1, 0.1/1e5) at 0.5 is phase 2 at pos (0.5 − 0.25)/0.75 = 1/3:
    // 0.1 + (1 + cos(π·2/3))·(1e-6 − 0.1)/2 = 0.1 − 0.25·0.099999 = 0.07500025; mom 0.85 + 0.25·0.1 = 0.875.
    // Next batch, pct 0.5 + 1/(2·4) = 0.625, pos 0.5: 0.1 + (1e-6 − 0.1)/2 = 0.0500005, mom 0.9.
    const learn = track(makeLearner({ trainBatches: 2, optFunc: Adam }));
    learn.createOpt();
    const seen = spyOnSteps(learn);
    await fitOneCycle(learn, 4, { lrMax: 0.1, startEpoch: 2 });
    expect(seen).toHaveLength(4); // epochs 2 and 3 only
    expect(seen[0].lr).toBeCloseTo(0.07500025, 12);
    expect(seen[0].mom).toBeCloseTo(0.875, 12);
    expect(seen[1].lr).toBeCloseTo(0.0500005, 12);
    expect(seen[1].mom).toBeCloseTo(0.9, 12);
  });

  it('fitFlatCos(startEpoch) resumes the same way', async () => {
    // combined_cos(0.75, 0.1, 0.1, 1e-6) at pct 3/4: phase 2 at pos 0 → 0.1; next batch pct 0.875, pos 0.5 →
    // 0.1 + (1e-6 − 0.1)/2 = 0.0500005. (fastai 2.7.18's fit_flat_cos passes start_epoch=0 to fit, ignoring it.)
    const learn = track(makeLearner({ trainBatches: 2 }));
    learn.createOpt();
    const seen = spyOnSteps(learn);
    await fitFlatCos(learn, 4, { lr: 0.1, startEpoch: 3 });
    expect(seen).toHaveLength(2);
    expect(seen[0].lr).toBeCloseTo(0.1, 12);
    expect(seen[1].lr).toBeCloseTo(0.0500005, 12);
  });

  it('added mid-fit, it takes over at the next batch from the current position', async () => {
    const learn = track(makeLearner({ trainBatches: 2 }));
    learn.createOpt();
    const seen = spyOnSteps(learn);
    const { Callback } = await import('../learner');
    class AddLater extends Callback {
      after_epoch() {
        if (this.learn!.epoch === 0) this.learn!.addCb(new ParamScheduler({ lr: SchedLin(1, 0) }));
      }
    }
    await learn.fit(2, { lr: 0.1, cbs: [new AddLater()] });
    expect(seen.map((s) => s.lr)).toEqual([0.1, 0.1, 0.5, 0.25]);
  });
});
