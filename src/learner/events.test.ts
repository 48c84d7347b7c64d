// Reference tests of fastai v2's event sequence (fastai/learner.py, fastai/callback/core.py).
// Every expected list below is written by hand from fastai's loop:
//   fit      = _with_events(_do_fit, 'fit', CancelFitException, _end_cleanup)
//   _do_fit  = for epoch: _with_events(_do_epoch, 'epoch', CancelEpochException)
//   _do_epoch= _do_epoch_train (_with_events(all_batches, 'train', ...)) then
//              _do_epoch_validate (_with_events(all_batches, 'validate', ...))
//   one_batch= _with_events(_do_one_batch, 'batch', CancelBatchException)
//   _do_one_batch = pred; 'after_pred'; loss; 'after_loss'; if not training: return;
//                   _with_events(_backward, 'backward', ...); _with_events(_step, 'step', ...)
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Callback, EVENTS, type Learner } from './index';
import { EventLogger, disposeLearner, makeLearner, useCpuBackend } from './fixtures.test.util';

beforeAll(useCpuBackend);

let learn: Learner | null = null;
afterEach(() => {
  if (learn) disposeLearner(learn);
  learn = null;
});

describe('EVENTS', () => {
  it("is fastai's 24 event names, in fastai's order", () => {
    // fastai/callback/core.py `_events`
    expect([...EVENTS]).toEqual([
      'after_create',
      'before_fit',
      'before_epoch',
      'before_train',
      'before_batch',
      'after_pred',
      'after_loss',
      'before_backward',
      'after_cancel_backward',
      'after_backward',
      'before_step',
      'after_cancel_step',
      'after_step',
      'after_cancel_batch',
      'after_batch',
      'after_cancel_train',
      'after_train',
      'before_validate',
      'after_cancel_validate',
      'after_validate',
      'after_cancel_epoch',
      'after_epoch',
      'after_cancel_fit',
      'after_fit',
    ]);
    expect(EVENTS.length).toBe(24);
  });
});

describe('event sequence of a fit', () => {
  it('calls after_create once, at construction (fastai: self("after_create") ends __init__)', () => {
    const logger = new EventLogger();
    learn = makeLearner({ cbs: [logger] });
    expect(logger.events).toEqual(['after_create']);
  });

  it('2 epochs, 2 train batches, 1 valid batch: the exact fastai sequence', async () => {
    const logger = new EventLogger();
    learn = makeLearner({ trainBatches: 2, validBatches: 1, cbs: [logger] });
    await learn.fit(2);
    expect(logger.events).toEqual([
      'after_create',
      'before_fit',
      // epoch 0
      'before_epoch',
      'before_train',
      'before_batch',
      'after_pred',
      'after_loss',
      'before_backward',
      'after_backward',
      'before_step',
      'after_step',
      'after_batch',
      'before_batch',
      'after_pred',
      'after_loss',
      'before_backward',
      'after_backward',
      'before_step',
      'after_step',
      'after_batch',
      'after_train',
      'before_validate',
      'before_batch',
      'after_pred',
      'after_loss',
      'after_batch',
      'after_validate',
      'after_epoch',
      // epoch 1
      'before_epoch',
      'before_train',
      'before_batch',
      'after_pred',
      'after_loss',
      'before_backward',
      'after_backward',
      'before_step',
      'after_step',
      'after_batch',
      'before_batch',
      'after_pred',
      'after_loss',
      'before_backward',
      'after_backward',
      'before_step',
      'after_step',
      'after_batch',
      'after_train',
      'before_validate',
      'before_batch',
      'after_pred',
      'after_loss',
      'after_batch',
      'after_validate',
      'after_epoch',
      'after_fit',
    ]);
  });

  it('a second fit replays the loop (no second after_create)', async () => {
    const logger = new EventLogger();
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger] });
    await learn.fit(1);
    logger.clear();
    await learn.fit(1);
    expect(logger.events).toEqual([
      'before_fit',
      'before_epoch',
      'before_train',
      'before_batch',
      'after_pred',
      'after_loss',
      'before_backward',
      'after_backward',
      'before_step',
      'after_step',
      'after_batch',
      'after_train',
      'before_validate',
      'before_batch',
      'after_pred',
      'after_loss',
      'after_batch',
      'after_validate',
      'after_epoch',
      'after_fit',
    ]);
  });

  it('callbacks passed to fit() see that fit only and are removed afterwards (fastai: with self.added_cbs(cbs))', async () => {
    learn = makeLearner({ trainBatches: 1, validBatches: 1 });
    const nBefore = learn.cbs.length;
    const logger = new EventLogger();
    await learn.fit(1, { cbs: [logger] });
    // added_cbs -> add_cb, which does not call after_create
    expect(logger.events).toEqual([
      'before_fit',
      'before_epoch',
      'before_train',
      'before_batch',
      'after_pred',
      'after_loss',
      'before_backward',
      'after_backward',
      'before_step',
      'after_step',
      'after_batch',
      'after_train',
      'before_validate',
      'before_batch',
      'after_pred',
      'after_loss',
      'after_batch',
      'after_validate',
      'after_epoch',
      'after_fit',
    ]);
    expect(learn.cbs.length).toBe(nBefore);
    expect(learn.cbs.includes(logger)).toBe(false);
    expect(logger.learn).toBeNull(); // remove_cb sets cb.learn = None
  });

  it('learner state at each before_batch (epoch, iter, nIter, training, trainIter, pctTrain) follows TrainEvalCallback', async () => {
    type Row = [number, number, number, boolean, number, number];
    const rows: Row[] = [];
    class StateSpy extends Callback {
      before_batch(): void {
        const l = this.learn!;
        rows.push([l.epoch, l.iter, l.nIter, l.training, l.trainIter, l.pctTrain]);
      }
    }
    learn = makeLearner({ trainBatches: 2, validBatches: 1, cbs: [new StateSpy()] });
    await learn.fit(2);
    // TrainEvalCallback: before_train sets pct_train = epoch/n_epoch; after_batch (training only,
    // run_valid=False) adds 1/(n_iter*n_epoch) to pct_train and 1 to train_iter.
    const expected: Row[] = [
      [0, 0, 2, true, 0, 0],
      [0, 1, 2, true, 1, 0.25],
      [0, 0, 1, false, 2, 0.5],
      [1, 0, 2, true, 2, 0.5],
      [1, 1, 2, true, 3, 0.75],
      [1, 0, 1, false, 4, 1.0],
    ];
    expect(rows.length).toBe(expected.length);
    rows.forEach((r, i) => {
      const e = expected[i];
      expect(r.slice(0, 5)).toEqual(e.slice(0, 5));
      expect(r[5]).toBeCloseTo(e[5], 10);
    });
    expect(learn.nEpoch).toBe(2);
  });
});
