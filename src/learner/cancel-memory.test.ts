// A CancelBatchException raised at any point of a training batch leaves no tensor behind.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Callback, CancelBatchException, type EventName, type Learner } from './index';
import { Canceller, EventLogger, disposeLearner, makeLearner, useCpuBackend, weightValues } from './fixtures.test.util';

beforeAll(useCpuBackend);

let learn: Learner | null = null;
afterEach(() => {
  if (learn) disposeLearner(learn);
  learn = null;
});

/** numTensors at the end of every epoch, once the Recorder has read back and freed its losses. */
class CountPerEpoch extends Callback {
  override order = 200;
  counts: number[] = [];
  after_epoch(): void {
    this.counts.push(tf.memory().numTensors);
  }
}

const AT: EventName[] = ['after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step'];

describe('CancelBatchException in training leaks nothing', () => {
  for (const at of AT) {
    it(`cancelled at ${at} in every training batch: numTensors stays flat`, async () => {
      const canceller = new Canceller(at, CancelBatchException, 'train', 100, false);
      const counter = new CountPerEpoch();
      const logger = new EventLogger();
      learn = makeLearner({ trainBatches: 3, cbs: [logger, canceller, counter] });
      await learn.fit(1); // the optimizer and its state exist before we count
      await learn.recorder!.flush();
      const before = tf.memory().numTensors;
      counter.counts = [];
      logger.clear();
      const weights = weightValues(learn.model);
      await learn.fit(3);
      expect(canceller.fired).toBe(3 + 9); // every training batch, 3 + 3 × 3
      // A cancel after backward skips zero_grad, so the gradients stay (and accumulate, as fastai's
      // .grad) until the fit ends: one tensor per parameter, the same count every epoch.
      const held = at === 'after_backward' || at === 'before_step' ? learn.params.length : 0;
      expect(counter.counts).toEqual([before + held, before + held, before + held]);
      expect(tf.memory().numTensors).toBe(before);
      // fastai's flow: the cancel goes straight to after_cancel_batch, after_batch
      const i = logger.events.indexOf(at);
      expect(logger.events.slice(i, i + 3)).toEqual([at, 'after_cancel_batch', 'after_batch']);
      expect(weightValues(learn.model)).toEqual(weights); // every cancel comes before the step
    });
  }
});

describe('a pred or loss replaced by a callback leaks nothing', () => {
  /** Replaces `pred` at after_pred and `loss` at after_loss with new tensors, in training and validation. */
  class Replace extends Callback {
    after_pred(): void {
      this.learn!.pred = this.learn!.pred!.mul(1);
    }
    after_loss(): void {
      this.learn!.loss = this.learn!.loss!.mul(2) as tf.Scalar;
    }
  }

  it('the batch disposes both its own and the replacement', async () => {
    const counter = new CountPerEpoch();
    learn = makeLearner({ trainBatches: 3, validBatches: 2, cbs: [new Replace(), counter] });
    await learn.fit(1);
    const before = tf.memory().numTensors;
    counter.counts = [];
    await learn.fit(3);
    expect(counter.counts).toEqual([before, before, before]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
