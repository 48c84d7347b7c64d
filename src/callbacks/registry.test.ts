// The callback registry: fastai's orders, factories with validated parameters, every optional callback in a real fit.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { Adam, Learner, SGD, crossEntropyLoss, type Batch } from '../learner';
import { CALLBACK_REGISTRY, callbackInfo, displayName, resolveParams } from './registry';
import { LRFinder } from './lr-finder';
import { ParamScheduler } from './param-scheduler';
import { MixUp } from './mixup';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

describe('registry table', () => {
  it("lists every callback once, with fastai's orders", () => {
    const orders = Object.fromEntries(CALLBACK_REGISTRY.map((c) => [c.name, c.order]));
    expect(orders).toEqual({
      TrainEvalCallback: -10,
      Recorder: 50,
      StreamCallback: 60,
      ParamScheduler: 60,
      LRFinder: 60,
      EarlyStoppingCallback: 63,
      SaveModelCallback: 61,
      ReduceLROnPlateau: 62,
      TerminateOnNaNCallback: -9,
      GradientClip: 11,
      GradientAccumulation: 6,
      MixUp: 0,
      CutMix: 0,
      ShortEpochCallback: 0,
      CSVLogger: 60,
      ActivationStats: -20,
    });
    expect(CALLBACK_REGISTRY.filter((c) => c.kind === 'default').map((c) => c.name)).toEqual([
      'TrainEvalCallback',
      'Recorder',
      'StreamCallback',
    ]);
    expect(callbackInfo('LRFinder')!.kind).toBe('action');
    for (const c of CALLBACK_REGISTRY) {
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.description).not.toContain('\n');
      expect(c.events.length).toBeGreaterThan(0);
    }
    expect(callbackInfo('GradientClip')!.events).toEqual(['before_fit', 'before_step', 'after_train', 'after_epoch', 'after_fit']);
    expect(callbackInfo('MixUp')!.events).toEqual([
      'before_fit',
      'before_train',
      'before_batch',
      'after_batch',
      'after_cancel_train',
      'after_train',
      'after_cancel_fit',
    ]);
  });

  it('every default parameter is valid; factories apply parameters and reject bad ones', () => {
    for (const c of CALLBACK_REGISTRY) expect(() => resolveParams(c)).not.toThrow();
    const clip = callbackInfo('GradientClip')!.create!({ maxNorm: 0.5 });
    expect(clip).toMatchObject({ maxNorm: 0.5, order: 11 });
    const es = callbackInfo('EarlyStoppingCallback')!.create!({ monitor: 'accuracy', patience: 3, minDelta: 0.01 });
    expect(es).toMatchObject({ monitor: 'accuracy', comp: 'greater', patience: 3, minDelta: 0.01 });
    const info = callbackInfo('GradientAccumulation')!;
    expect(() => info.create!({ nAcc: 0 })).toThrow(/nAcc: must be in \[1, 65536\]/);
    expect(() => info.create!({ nAcc: 2.5 })).toThrow(/integer/);
    expect(() => info.create!({ nacc: 4 })).toThrow(/unknown parameter 'nacc'/);
    expect(() => callbackInfo('ParamScheduler')!.create!({ schedule: 'sgdr' })).toThrow(/one of one_cycle, flat_cos/);
    expect(callbackInfo('StreamCallback')!.create).toBeNull();
  });

  it('ParamScheduler entry builds the one-cycle and flat-cos schedules', () => {
    const info = callbackInfo('ParamScheduler')!;
    const one = info.create!({ lrMax: 0.1 }) as ParamScheduler;
    expect(one.scheds.lr!(0)).toBeCloseTo(0.004, 12);
    expect(one.scheds.mom!(0.25)).toBeCloseTo(0.85, 12);
    const flat = info.create!({ schedule: 'flat_cos', lrMax: 0.1, pctStart: 0.75 }) as ParamScheduler;
    expect(flat.scheds.lr!(0.5)).toBe(0.1);
    expect(flat.scheds.mom).toBeUndefined();
  });

  it("ParamScheduler's lrMax is unset by default: the Learner's lr, as fastai's fit_one_cycle (lr_max=None)", async () => {
    const info = callbackInfo('ParamScheduler')!;
    const spec = info.params.find((p) => p.name === 'lrMax')!;
    expect(spec).toMatchObject({ default: '', optional: true });
    expect(spec.description).toContain("empty = the Training panel's lr, as fastai's fit_one_cycle");
    expect(resolveParams(info).lrMax).toBe('');
    for (const [schedule, peak] of [
      ['one_cycle', 0.25],
      ['flat_cos', 0.5],
    ] as const) {
      const learn = makeLearner({ trainBatches: 2, lr: 0.05 });
      live.push(learn);
      const sched = info.create!({ schedule, pctStart: peak }) as ParamScheduler;
      await learn.fit(2, { cbs: [sched] });
      expect(sched.hps.lr![1]).toBeCloseTo(0.05, 12); // pct 0.25 (one-cycle's peak) or 0.25 of the flat part
      expect(Math.max(...sched.hps.lr!)).toBeCloseTo(0.05, 12);
    }
    // the lr of each fit, not of the first one
    const learn = makeLearner({ trainBatches: 2, lr: 0.05 });
    live.push(learn);
    const sched = info.create!({ schedule: 'flat_cos' }) as ParamScheduler;
    learn.addCb(sched);
    await learn.fit(1);
    learn.lr = 0.2;
    await learn.fit(1);
    expect(sched.hps.lr![0]).toBe(0.2);
  });

  it('ParamScheduler with lrMax unset, switched on mid-fit: the Learner lr from its first batch', async () => {
    const learn = makeLearner({ trainBatches: 2, lr: 0.05 });
    live.push(learn);
    const sched = callbackInfo('ParamScheduler')!.create!({ schedule: 'flat_cos', pctStart: 1 }) as ParamScheduler;
    const { Callback } = await import('../learner');
    class AddLater extends Callback {
      after_epoch() {
        if (this.learn!.epoch === 0) this.learn!.addCb(sched);
      }
    }
    await learn.fit(2, { cbs: [new AddLater()] });
    expect(sched.hps.lr).toEqual([0.05, 0.05]);
  });

  it('displayName uses the most specific registered class', () => {
    expect(displayName(new LRFinder())).toBe('LRFinder');
    expect(displayName(new ParamScheduler({}))).toBe('ParamScheduler');
    expect(displayName(new MixUp())).toBe('MixUp');
  });
});

describe('every optional callback, with its defaults, in a real fit', () => {
  const images = (): Batch[] => [0, 1].map(() => [tf.randomUniform([4, 16], 0, 1, 'float32', 1), tf.tensor1d([0, 1, 0, 1], 'int32')]);
  it.each(CALLBACK_REGISTRY.filter((c) => c.kind === 'optional').map((c) => c.name))('%s: fits 2 epochs, no leaks', async (name) => {
    const info = callbackInfo(name)!;
    let learn: Learner;
    if (name === 'CutMix') {
      const data = images();
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [16] })] });
      learn = new Learner({ train: data, valid: [data[0]] }, model, { lossFunc: crossEntropyLoss, optFunc: SGD });
    } else learn = makeLearner({ trainBatches: 3 });
    live.push(learn);
    const cb = info.create!({}, { imageShape: [4, 4, 1] });
    learn.addCb(cb);
    await learn.fit(1); // warm-up: optimizer created
    const n0 = tf.memory().numTensors;
    await learn.fit(2);
    await learn.recorder!.flush();
    expect(tf.memory().numTensors).toBe(n0);
    learn.removeCb(cb);
    expect(tf.memory().numTensors).toBe(n0);
  });
});

describe('every optional callback toggled on and off between batches of a running fit', () => {
  it.each(CALLBACK_REGISTRY.filter((c) => c.kind === 'optional' && c.name !== 'CutMix').map((c) => c.name))(
    '%s: added at batch 2, removed at batch 5, the fit runs to the end without leaks',
    async (name) => {
      const learn = makeLearner({ trainBatches: 3, optFunc: Adam }); // Adam: its state exists before n0
      live.push(learn);
      const cb = callbackInfo(name)!.create!();
      let state: 'off' | 'on' | 'removed' = 'off';
      const { Callback } = await import('../learner');
      class Toggle extends Callback {
        override order = 100;
        after_batch() {
          const l = this.learn!;
          if (!l.training) return;
          if (state === 'off' && l.trainIter >= 2) {
            l.addCb(cb);
            state = 'on';
          } else if (state === 'on' && l.trainIter >= 5) {
            l.removeCb(cb);
            state = 'removed';
          }
        }
      }
      await learn.fit(1);
      const n0 = tf.memory().numTensors;
      await learn.fit(3, { cbs: [new Toggle()] });
      await learn.recorder!.flush();
      expect(learn.recorder!.values).toHaveLength(3);
      expect(state).toBe('removed');
      expect(learn.cbs).not.toContain(cb);
      expect(tf.memory().numTensors).toBe(n0);
    },
  );
});
