import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Callback, type Learner } from '../../../learner';
import { disposeLearner, makeLearner, useCpuBackend, weightValues } from '../../../learner/fixtures.test.util';
import type { WorkerToPage } from '../../messages';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { LrFinderFeature, type LrFinderHost } from './lr-finder-feature';

beforeAll(useCpuBackend);

type Msg<T extends WorkerToPage['type']> = Extract<WorkerToPage, { type: T }>;
const of = <T extends WorkerToPage['type']>(sent: WorkerToPage[], type: T) => sent.filter((m): m is Msg<T> => m.type === type);
const SETUP = DEFAULT_SETUP;

/** A session stand-in: busy or idle, building a small Learner (with the finder's callbacks, and `extra`). */
function host(activity: 'idle' | 'training', extra: Callback[] = [], built: Learner[] = []): LrFinderHost {
  return {
    busyReason: () => (activity === 'training' ? 'A training run is already in progress: stop it first' : null),
    exclusive: async (_activity, job) => job(),
    data: { prepare: async () => {} },
    buildLearner: (_setup, cbs) => {
      const l = makeLearner({ trainBatches: 3, validBatches: 1, cbs: [...cbs, ...extra] });
      built.push(l);
      return { learn: l, dispose: () => disposeLearner(l) };
    },
  };
}

/** Calls `fn` once, after the train batch numbered `at` (1-based). */
class AtBatch extends Callback {
  constructor(
    private readonly at: number,
    private readonly fn: () => void,
  ) {
    super();
  }
  after_batch(): void {
    if (this.learn!.training && this.learn!.trainIter === this.at) this.fn();
  }
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

  it('says how many iterations it will run, and sends its points at most every 100 ms', async () => {
    const sent: { msg: WorkerToPage; at: number }[] = [];
    const f = new LrFinderFeature((msg) => sent.push({ msg, at: performance.now() }));
    await f.lrFind(SETUP, { numIt: 60, startLr: 1e-5, endLr: 1e-2 }, host('idle'));
    const msgs = sent.map((s) => s.msg);
    expect(of(msgs, 'lr-find-started')[0]).toMatchObject({ numIt: 60 });
    const points = sent.filter((s) => s.msg.type === 'lr-find-points');
    // every message but the last (the final flush) waited its 100 ms
    for (let i = 1; i < points.length - 1; i++) expect(points[i].at - points[i - 1].at).toBeGreaterThanOrEqual(99);
    expect(of(msgs, 'lr-find-points').flatMap((m) => m.points)).toHaveLength(60);
  });

  it('stops within one iteration of Cancel: no suggestion, the weights and no tensor left behind', async () => {
    const sent: WorkerToPage[] = [];
    const f = new LrFinderFeature((m) => sent.push(m));
    const built: Learner[] = [];
    let weightsBefore: number[][] = [];
    let weightsAfter: number[][] = [];
    const before = tf.memory().numTensors;
    const cancelAt = new AtBatch(4, () => f.cancel());
    const grab = new (class extends Callback {
      override order = 2000; // after the finder put the weights back
      before_fit() {
        weightsBefore = weightValues(this.learn!.model);
      }
      after_fit() {
        weightsAfter = weightValues(this.learn!.model);
      }
    })();
    const job = f.lrFind(SETUP, { numIt: 200, startLr: 1e-5, endLr: 1e-3 }, host('idle', [cancelAt, grab], built));
    await job;
    expect(of(sent, 'lr-find-done')).toHaveLength(0);
    const cancelled = of(sent, 'lr-find-cancelled');
    expect(cancelled).toHaveLength(1);
    // the iteration that was going when Cancel came is the last one
    expect(cancelled[0].iterations).toBeGreaterThanOrEqual(4);
    expect(cancelled[0].iterations).toBeLessThanOrEqual(5);
    expect(of(sent, 'lr-find-points').flatMap((m) => m.points)).toHaveLength(cancelled[0].iterations);
    expect(tf.memory().numTensors).toBe(before);
    expect(cancelled[0].leakedTensors).toBe(0);
    expect(built).toHaveLength(1);
    expect(weightsBefore.length).toBeGreaterThan(0);
    expect(weightsAfter).toEqual(weightsBefore);
  });

  it('a Cancel before the first iteration is not lost: nothing is built, and it says cancelled', async () => {
    const sent: WorkerToPage[] = [];
    const f = new LrFinderFeature((m) => sent.push(m));
    const built: Learner[] = [];
    const job = f.lrFind(SETUP, { numIt: 50 }, host('idle', [], built));
    f.cancel();
    await job;
    expect(built).toHaveLength(0);
    expect(of(sent, 'lr-find-cancelled')).toEqual([{ type: 'lr-find-cancelled', iterations: 0, leakedTensors: 0 }]);
    // and the next one runs
    sent.length = 0;
    await f.lrFind(SETUP, { numIt: 8 }, host('idle'));
    expect(of(sent, 'lr-find-done')).toHaveLength(1);
  });

  it('a Cancel with nothing running does nothing', () => {
    const sent: WorkerToPage[] = [];
    new LrFinderFeature((m) => sent.push(m)).cancel();
    expect(sent).toEqual([]);
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
