// TrackerCallback against fastai's definition: comparison defaults, monitor check, muted in LR finder.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { type Learner } from '../learner';
import { scriptedLearner } from './fixtures.test.util';
import { LRFinder } from './lr-finder';
import { TrackerCallback, monitoredValue } from './tracker';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));
const scripted = (v: number[], s?: number[]) => {
  const learn = scriptedLearner(v, s);
  live.push(learn);
  return learn;
};

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
