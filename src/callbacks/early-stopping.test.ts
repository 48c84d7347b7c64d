// EarlyStoppingCallback against fastai's definition, on scripted validation losses and metrics.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { type Learner } from '../learner';
import { scriptedLearner } from './fixtures.test.util';
import { EarlyStoppingCallback } from './early-stopping';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));
const scripted = (v: number[], s?: number[]) => {
  const learn = scriptedLearner(v, s);
  live.push(learn);
  return learn;
};
const validLosses = (learn: Learner) => learn.recorder!.values.map((r) => r.validLoss);

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
