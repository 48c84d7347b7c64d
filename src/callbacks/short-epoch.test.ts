// ShortEpochCallback: fastai's rule iter/nIter ≥ pct, checked after each batch.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventLogger, disposeLearner, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { Callback, type Batch, type Learner } from '../learner';
import { ShortEpochCallback } from './short-epoch';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

class BatchCounter extends Callback {
  train = 0;
  valid = 0;
  after_batch() {
    if (this.learn!.training) this.train++;
    else this.valid++;
  }
}

describe('ShortEpochCallback', () => {
  it.each([
    // pct, shortValid, train batches run per epoch (of 3), valid batches run (of 2)
    [0.01, true, 2, 2],
    [0.01, false, 2, 2],
    [0.3, true, 2, 2],
    [0.5, true, 3, 2],
    [0.6, true, 3, 2],
  ])('pct %s shortValid %s: %i train and %i valid batches per epoch', async (pct, shortValid, nTrain, nValid) => {
    const learn = makeLearner({ trainBatches: 3, validBatches: 2 });
    live.push(learn);
    const counter = new BatchCounter();
    const logger = new EventLogger();
    await learn.fit(2, { cbs: [counter, logger, new ShortEpochCallback(pct, shortValid)] });
    expect(counter.train).toBe(2 * nTrain);
    expect(counter.valid).toBe(2 * nValid);
    const cancelledTrain = logger.events.filter((e) => e === 'after_cancel_train').length;
    const cancelledValid = logger.events.filter((e) => e === 'after_cancel_validate').length;
    // the cancel fires on the batch that reaches pct, even when it is the last one
    expect(cancelledTrain).toBe((nTrain - 1) / 3 >= pct ? 2 : 0);
    expect(cancelledValid).toBe(shortValid && (nValid - 1) / 2 >= pct ? 2 : 0);
  });

  it.each([
    // fastai: one_batch sets iter = i (0-based) before the batch; after_batch returns while iter/n_iter < pct and
    // cancels otherwise, so i = 0 always runs and the batch that reaches pct also runs (it is stepped; later
    // callbacks such as the Recorder, order 50, never see its after_batch). Batches run per epoch:
    // min(n_iter, ⌈pct·n_iter⌉ + 1), and 1 when pct = 0. With n_iter 4, measured in fastai 2.7.18 (fit(2)):
    // pct 0 → 1 step, 0 recorded losses; 0.01 → 2 steps, 1 recorded loss; 0.25 → 2, 1; 0.3 → 3, 2; 0.5 → 3, 2; 0.99 → 4, 4.
    [0, 1, 0],
    [0.01, 2, 1],
    [0.25, 2, 1],
    [0.3, 3, 2],
    [0.5, 3, 2],
    [0.99, 4, 4],
  ])("pct %s of 4 batches: %i optimizer steps and %i recorded losses per epoch (fastai's counts)", async (pct, steps, recorded) => {
    const learn = makeLearner({ trainBatches: 3, validBatches: 2 });
    live.push(learn);
    const { train, valid } = learn.dls as { train: Batch[]; valid: Batch[] };
    train.push(train[0]); // 4 batches each (a repeated batch is disposed once)
    valid.push(...valid);
    learn.createOpt();
    let stepped = 0;
    const opt = learn.opt!;
    const step = opt.step.bind(opt);
    opt.step = (g) => (stepped++, step(g));
    const counter = new BatchCounter();
    await learn.fit(2, { cbs: [new ShortEpochCallback(pct), counter] });
    await learn.recorder!.flush();
    expect(stepped).toBe(2 * steps);
    expect(learn.recorder!.losses).toHaveLength(2 * recorded);
    // Validation follows the same rule; like the Recorder, a callback after ShortEpoch misses the cancelling batch.
    expect(counter.valid).toBe(2 * recorded);
  });
});
