// SaveModelCallback: best weights kept in memory and loaded back; no leaks.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, useCpuBackend, weightValues } from '../learner/fixtures.test.util';
import { Callback, type Learner } from '../learner';
import { scriptedLearner } from './fixtures.test.util';
import { SaveModelCallback } from './save-model';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));
const scripted = (v: number[], s?: number[]) => {
  const learn = scriptedLearner(v, s);
  live.push(learn);
  return learn;
};

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
