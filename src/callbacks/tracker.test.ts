// The tracker family against fastai's definitions, on scripted validation losses and metrics.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeLearner, useCpuBackend, weightValues } from '../learner/fixtures.test-util';
import { Callback, crossEntropyLoss, type Learner } from '../learner';
import { EarlyStoppingCallback } from './early-stopping';
import { LRFinder } from './lr-finder';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import { SaveModelCallback } from './save-model';
import { TrackerCallback, monitoredValue } from './tracker';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

/** A tiny learner (2 train batches, 1 valid batch) whose validation loss and 'score' metric follow scripts. */
function scripted(validLosses: number[], scores: number[] = validLosses): Learner {
  let v = 0;
  let s = 0;
  const learn = makeLearner({ trainBatches: 2, validBatches: 1 });
  learn.lossFunc = (pred, y) =>
    learn.training ? crossEntropyLoss(pred, y) : tf.tidy(() => pred.sum().mul(0).add(validLosses[v++]) as tf.Scalar);
  learn.metrics = [{ name: 'score', fn: (pred) => tf.tidy(() => pred.sum().mul(0).add(scores[s++]) as tf.Scalar) }];
  live.push(learn);
  return learn;
}

const validLosses = (learn: Learner) => learn.recorder!.values.map((r) => r.validLoss);

describe('TrackerCallback', () => {
  it("compares with fastai's defaults: less for losses and errors, greater otherwise; minDelta signed", () => {
    expect(new TrackerCallback().comp).toBe('less');
    expect(new TrackerCallback({ monitor: 'error_rate' }).comp).toBe('less');
    expect(new TrackerCallback({ monitor: 'accuracy' }).comp).toBe('greater');
    expect(new TrackerCallback({ minDelta: 0.1 }).minDelta).toBe(-0.1);
    expect(new TrackerCallback({ monitor: 'accuracy', minDelta: 0.1 }).minDelta).toBe(0.1);
    expect(new TrackerCallback().order).toBe(60); // after the Recorder (50)
    const row = { epoch: 0, trainLoss: 1, validLoss: 2, metrics: { acc: 3 }, seconds: 0 };
    expect([monitoredValue(row, 'train_loss'), monitoredValue(row, 'valid_loss'), monitoredValue(row, 'acc')]).toEqual([1, 2, 3]);
    expect(monitoredValue(row, 'nope')).toBeNull();
  });

  it('rejects a monitor the Learner does not record', async () => {
    const learn = scripted([1, 1]);
    await expect(learn.fit(1, { cbs: [new TrackerCallback({ monitor: 'accuracy' })] })).rejects.toThrow(/cannot monitor 'accuracy'.*score/);
  });

  it('is muted during an LR-finder run', async () => {
    const learn = scripted([1, 1, 1]);
    const tracker = new TrackerCallback();
    learn.addCb(tracker);
    await learn.fit(3, { cbs: [new LRFinder({ numIt: 6, stopDiv: false })] });
    expect(tracker.best).toBeNull();
    expect(tracker.run).toBe(true); // reset at the end of the fit
  });
});

describe('EarlyStoppingCallback', () => {
  it('stops after `patience` epochs without improvement', async () => {
    const learn = scripted([1.0, 0.9, 0.95, 0.92, 0.5, 0.4]);
    const cb = new EarlyStoppingCallback({ patience: 2 });
    await learn.fit(6, { cbs: [cb] });
    expect(validLosses(learn)).toEqual([1.0, 0.9, 0.95, 0.92].map(Math.fround));
    expect(cb.message).toBe('No improvement since epoch 1: early stopping');
    expect(cb.best).toBeCloseTo(0.9, 6);
  });

  it('counts an improvement smaller than minDelta as none', async () => {
    const learn = scripted([1.0, 0.97, 0.96, 0.5]);
    await learn.fit(4, { cbs: [new EarlyStoppingCallback({ patience: 2, minDelta: 0.05 })] });
    expect(learn.recorder!.values).toHaveLength(3);
  });

  it('monitors a metric with greater-is-better, and resets patience on improvement', async () => {
    const learn = scripted([9, 9, 9, 9, 9, 9], [0.5, 0.4, 0.6, 0.55, 0.58, 0.9]);
    await learn.fit(6, { cbs: [new EarlyStoppingCallback({ monitor: 'score', patience: 3 })] });
    expect(learn.recorder!.values).toHaveLength(6); // waits 1, 0, 1, 2, then 0.9 improves
    const learn2 = scripted([9, 9, 9, 9, 9, 9], [0.5, 0.4, 0.6, 0.55, 0.58, 0.9]);
    await learn2.fit(6, { cbs: [new EarlyStoppingCallback({ monitor: 'score', patience: 2 })] });
    expect(learn2.recorder!.values).toHaveLength(5); // stopped before epoch 5
    expect(learn2.cb(EarlyStoppingCallback)).toBeUndefined();
  });
});

describe('SaveModelCallback', () => {
  it('loads back the weights of the best epoch at the end, without leaking tensors', async () => {
    const learn = scripted([1.0, 0.5, 0.8, 0.9]);
    const atEpochEnd: number[][][] = [];
    class Snap extends Callback {
      override order = 55;
      after_epoch() {
        atEpochEnd.push(weightValues(this.learn!.model));
      }
    }
    const cb = new SaveModelCallback();
    const before = tf.memory().numTensors;
    await learn.fit(4, { cbs: [cb, new Snap()] });
    expect(cb.bestEpoch).toBe(1);
    expect(weightValues(learn.model)).toEqual(atEpochEnd[1]);
    expect(weightValues(learn.model)).not.toEqual(atEpochEnd[3]);
    expect(cb.holding).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees its copy when the fit fails', async () => {
    const learn = scripted([1.0, 0.5, 0.8]);
    class Boom extends Callback {
      before_epoch() {
        if (this.learn!.epoch === 2) throw new Error('boom');
      }
    }
    const cb = new SaveModelCallback();
    const before = tf.memory().numTensors;
    await expect(learn.fit(3, { cbs: [cb, new Boom()] })).rejects.toThrow(/boom/);
    expect(cb.holding).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('ReduceLROnPlateau', () => {
  it('divides the lr by factor after `patience` epochs without improvement, not below minLr', async () => {
    const learn = scripted([1, 1.1, 1.2, 0.5, 0.6, 0.7]);
    learn.createOpt();
    const lrs: number[] = [];
    const opt = learn.opt!;
    const step = opt.step.bind(opt);
    opt.step = (g) => (lrs.push(opt.hypers.lr), step(g));
    const cb = new ReduceLROnPlateau({ patience: 1, factor: 10, minLr: 2e-5 });
    await learn.fit(6, { lr: 0.1, cbs: [cb] });
    const perEpoch = lrs.filter((_, i) => i % 2 === 0);
    const expected = [0.1, 0.1, 0.01, 0.001, 0.001, 1e-4];
    perEpoch.forEach((lr, i) => expect(lr).toBeCloseTo(expected[i], 12));
    expect(opt.hypers.lr).toBeCloseTo(2e-5, 12); // 1e-5 is below minLr
    expect(cb.messages).toHaveLength(4);
    expect(cb.messages[0]).toBe('Epoch 1: reducing lr to 0.01');
  });
});
