// ShortEpochCallback: fastai's rule iter/nIter ≥ pct, checked after each batch.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventLogger, disposeLearner, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { Callback, type Learner } from '../learner';
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
});
