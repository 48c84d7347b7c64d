import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeLearner, useCpuBackend } from '../../../learner/fixtures.test.util';
import type { WorkerToPage } from '../../messages';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { LrFinderFeature, type LrFinderHost } from './lr-finder-feature';

beforeAll(useCpuBackend);

type Msg<T extends WorkerToPage['type']> = Extract<WorkerToPage, { type: T }>;
const of = <T extends WorkerToPage['type']>(sent: WorkerToPage[], type: T) => sent.filter((m): m is Msg<T> => m.type === type);
const SETUP = DEFAULT_SETUP;

/** A session stand-in: busy or idle, building a small Learner. */
function host(activity: 'idle' | 'training'): LrFinderHost {
  return {
    busyReason: () => (activity === 'training' ? 'A training run is already in progress: stop it first' : null),
    exclusive: async (_activity, job) => job(),
    data: { prepare: async () => {} },
    buildLearner: () => {
      const l = makeLearner({ trainBatches: 3, validBatches: 1 });
      return { learn: l, dispose: () => disposeLearner(l) };
    },
  };
}

describe('LR finder', () => {
  it('streams points, returns suggestions, leaves the weights and no tensor behind', async () => {
    const sent: WorkerToPage[] = [];
    const f = new LrFinderFeature((m) => sent.push(m));
    const before = tf.memory().numTensors;
    await f.lrFind(SETUP, { numIt: 12, startLr: 1e-5, endLr: 10 }, host('idle'));
    expect(tf.memory().numTensors).toBe(before);
    expect(of(sent, 'lr-find-started')).toHaveLength(1);
    const done = of(sent, 'lr-find-done')[0];
    expect(done.result.leakedTensors).toBe(0);
    const { points, suggestions } = done.result;
    expect(points.length).toBeGreaterThan(1);
    expect(points.length).toBeLessThanOrEqual(12);
    expect(points[0].lr).toBeCloseTo(1e-5, 10);
    for (let i = 1; i < points.length; i++) expect(points[i].lr).toBeGreaterThan(points[i - 1].lr);
    const streamed = of(sent, 'lr-find-points').flatMap((m) => m.points);
    expect(streamed).toEqual(points);
    expect(suggestions.valley === null || suggestions.valley.lr > 0).toBe(true);
    expect(Object.keys(suggestions)).toEqual(['valley', 'slide', 'minimum', 'steep']);
  });

  it('is refused while training, and with invalid parameters', async () => {
    const sent: WorkerToPage[] = [];
    const f = new LrFinderFeature((m) => sent.push(m));
    await f.lrFind(SETUP, {}, host('training'));
    await f.lrFind(SETUP, { numIt: 2 }, host('idle'));
    expect(of(sent, 'lr-find-failed').map((m) => m.message)).toEqual([
      'Stop the training run first: the LR finder needs its own Learner',
      'LRFinder: numIt: must be in [6, 10000]',
    ]);
  });
});
