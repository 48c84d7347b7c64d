// TerminateOnNaNCallback: a deliberately huge lr makes the loss overflow; the fit stops soon after.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { Learner, SGD, mseLoss, type Batch } from '../learner';
import { TerminateOnNaNCallback } from './terminate-on-nan';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

/** y = 2x on 30 batches of 2; SGD with lr 100 multiplies the error by ~(1 − 2·lr·x²) each step. */
function divergingLearner(cb: TerminateOnNaNCallback | null): Learner {
  const batch = (i: number): Batch => [tf.tensor2d([[1 + i / 30], [1 - i / 60]]), tf.tensor2d([[2 + i / 15], [2 - i / 30]])];
  const train = Array.from({ length: 30 }, (_, i) => batch(i));
  const valid = [batch(0)];
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
  const learn = new Learner({ train, valid }, model, { lossFunc: mseLoss, optFunc: SGD, lr: 100, cbs: cb ? [cb] : [] });
  live.push(learn);
  return learn;
}

const firstNonFinite = (xs: number[]) => xs.findIndex((x) => !Number.isFinite(x));

describe('TerminateOnNaNCallback', () => {
  it('without it, the loss becomes non-finite and training goes on to the end', async () => {
    const learn = divergingLearner(null);
    await learn.fit(2);
    await learn.recorder!.flush();
    expect(learn.recorder!.rawLosses).toHaveLength(60);
    expect(firstNonFinite(learn.recorder!.rawLosses)).toBeGreaterThan(0);
  });

  it("stops within the Recorder's read lag (readEvery + 1 batches) of the first non-finite loss", async () => {
    const cb = new TerminateOnNaNCallback();
    const learn = divergingLearner(cb);
    const before = tf.memory().numTensors;
    await learn.fit(2);
    const losses = learn.recorder!.rawLosses;
    const first = firstNonFinite(losses);
    expect(first).toBeGreaterThan(0);
    expect(cb.nanAt).toBe(first);
    expect(losses.length).toBeLessThan(60);
    expect(losses.length - 1 - first).toBeLessThanOrEqual(learn.recorder!.readEvery + 1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with prompt it stops at most 2 batches late, and restores the read cadence', async () => {
    const cb = new TerminateOnNaNCallback({ prompt: true });
    const learn = divergingLearner(cb);
    const readEvery = learn.recorder!.readEvery;
    await learn.fit(2);
    const losses = learn.recorder!.rawLosses;
    expect(losses.length - 1 - firstNonFinite(losses)).toBeLessThanOrEqual(2);
    expect(learn.recorder!.readEvery).toBe(readEvery);
  });
});
