// fastai's TestCancelCallback idea (nbs/13a_learner.ipynb, "Control flow testing"), for a 1-epoch fit
// with 1 train batch and 1 valid batch, against fastai v2's current `_with_events` (fastai/learner.py):
//
//   def _with_events(self, f, event_type, ex, final=noop):
//       try: self(f'before_{event_type}');  f()
//       except ex: self(f'after_cancel_{event_type}')
//       self(f'after_{event_type}');  final()
//
// So: a CancelX raised inside stage X gives after_cancel_X then after_X; a cancel of an outer stage
// raised inside an inner stage skips the inner after_* events (no `finally`, fastai PR #3101) and is
// caught by the matching outer `_with_events`; a cancel raised where no matching stage encloses it
// (e.g. in after_X of its own stage) escapes `fit`. The Canceller (order 100) runs after the
// EventLogger (order 0), so the event that throws is logged, as in fastai's VerboseCallback test.
// Every expected list is written by hand (kept out of Prettier: one stage of the loop per line).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  Callback,
  CancelBackwardException,
  CancelBatchException,
  CancelEpochException,
  CancelFitException,
  CancelStepException,
  CancelTrainException,
  CancelValidException,
  type EventName,
  type Learner,
} from './index';
import { Canceller, EventLogger, disposeLearner, makeLearner, useCpuBackend, weightValues, type CancelClass } from './fixtures.test.util';

beforeAll(useCpuBackend);

let learn: Learner | null = null;
afterEach(() => {
  if (learn) disposeLearner(learn);
  learn = null;
});

interface Case {
  exc: CancelClass;
  at: EventName;
  when: 'train' | 'valid' | 'any';
}

/** A learner with 1 train batch and 1 valid batch, an EventLogger and a Canceller. */
function setup(c: Case, extra: Callback[] = [], trainBatches = 1) {
  const logger = new EventLogger();
  const canceller = new Canceller(c.at, c.exc, c.when);
  learn = makeLearner({ trainBatches, validBatches: 1, cbs: [logger, canceller, ...extra] });
  logger.clear(); // drop after_create
  return { learn, logger, canceller };
}

describe('cancel matrix: cancels caught by the matching _with_events (1 epoch, 1 train + 1 valid batch)', () => {
  // prettier-ignore
  const CASES: Array<[string, Case, EventName[]]> = [
    [
      'CancelBatchException at before_batch (train): after_cancel_batch, after_batch, training goes on',
      { exc: CancelBatchException, at: 'before_batch', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_cancel_batch', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at after_pred (train)',
      { exc: CancelBatchException, at: 'after_pred', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_cancel_batch', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at after_loss (train)',
      { exc: CancelBatchException, at: 'after_loss', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'after_cancel_batch', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at before_backward (train): escapes the backward stage, no after_backward',
      { exc: CancelBatchException, at: 'before_backward', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_cancel_batch', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at after_backward (train): no step stage',
      { exc: CancelBatchException, at: 'after_backward', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'after_cancel_batch', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at before_step (train): escapes the step stage, no after_step',
      { exc: CancelBatchException, at: 'before_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_cancel_batch', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at after_step (train)',
      { exc: CancelBatchException, at: 'after_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_cancel_batch', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at before_batch (valid)',
      { exc: CancelBatchException, at: 'before_batch', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_cancel_batch', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at after_pred (valid)',
      { exc: CancelBatchException, at: 'after_pred', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_cancel_batch', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBatchException at after_loss (valid)',
      { exc: CancelBatchException, at: 'after_loss', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_cancel_batch', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelBackwardException at before_backward (train): after_cancel_backward, after_backward, then the step stage runs',
      { exc: CancelBackwardException, at: 'before_backward', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_cancel_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelStepException at before_step (train): after_cancel_step, and after_step still runs',
      { exc: CancelStepException, at: 'before_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_cancel_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at before_train: validation still runs',
      { exc: CancelTrainException, at: 'before_train', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at before_batch (train): no after_batch',
      { exc: CancelTrainException, at: 'before_batch', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at after_pred (train)',
      { exc: CancelTrainException, at: 'after_pred', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at after_loss (train)',
      { exc: CancelTrainException, at: 'after_loss', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at before_backward (train)',
      { exc: CancelTrainException, at: 'before_backward', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at after_backward (train)',
      { exc: CancelTrainException, at: 'after_backward', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at before_step (train)',
      { exc: CancelTrainException, at: 'before_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at after_step (train)',
      { exc: CancelTrainException, at: 'after_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelTrainException at after_batch (train): caught by the train stage',
      { exc: CancelTrainException, at: 'after_batch', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_cancel_train', 'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelValidException at before_validate',
      { exc: CancelValidException, at: 'before_validate', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'after_cancel_validate', 'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelValidException at before_batch (valid): no after_batch',
      { exc: CancelValidException, at: 'before_batch', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch',
        'after_cancel_validate', 'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelValidException at after_pred (valid)',
      { exc: CancelValidException, at: 'after_pred', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred',
        'after_cancel_validate', 'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelValidException at after_loss (valid)',
      { exc: CancelValidException, at: 'after_loss', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss',
        'after_cancel_validate', 'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelValidException at after_batch (valid): caught by the validate stage',
      { exc: CancelValidException, at: 'after_batch', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_cancel_validate', 'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelEpochException at before_epoch',
      { exc: CancelEpochException, at: 'before_epoch', when: 'any' },
      [
        'before_fit', 'before_epoch',
        'after_cancel_epoch', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelEpochException at before_train: no after_train, no validation',
      { exc: CancelEpochException, at: 'before_train', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'after_cancel_epoch', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelEpochException at before_batch (train)',
      { exc: CancelEpochException, at: 'before_batch', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch',
        'after_cancel_epoch', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelEpochException at after_step (train): no after_batch, no after_train',
      { exc: CancelEpochException, at: 'after_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step',
        'after_cancel_epoch', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelEpochException at after_train: validation skipped',
      { exc: CancelEpochException, at: 'after_train', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train',
        'after_cancel_epoch', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelEpochException at before_validate',
      { exc: CancelEpochException, at: 'before_validate', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'after_cancel_epoch', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelEpochException at after_loss (valid)',
      { exc: CancelEpochException, at: 'after_loss', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss',
        'after_cancel_epoch', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelEpochException at after_validate',
      { exc: CancelEpochException, at: 'after_validate', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate',
        'after_cancel_epoch', 'after_epoch', 'after_fit',
      ],
    ],
    [
      'CancelFitException at before_fit',
      { exc: CancelFitException, at: 'before_fit', when: 'any' },
      [
        'before_fit',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at before_epoch: no after_epoch',
      { exc: CancelFitException, at: 'before_epoch', when: 'any' },
      [
        'before_fit', 'before_epoch',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at before_train',
      { exc: CancelFitException, at: 'before_train', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at before_batch (train)',
      { exc: CancelFitException, at: 'before_batch', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at before_step (train)',
      { exc: CancelFitException, at: 'before_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at after_train',
      { exc: CancelFitException, at: 'after_train', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at before_validate',
      { exc: CancelFitException, at: 'before_validate', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at after_batch (valid)',
      { exc: CancelFitException, at: 'after_batch', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at after_validate',
      { exc: CancelFitException, at: 'after_validate', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate',
        'after_cancel_fit', 'after_fit',
      ],
    ],
    [
      'CancelFitException at after_epoch: after_cancel_fit, after_fit still run',
      { exc: CancelFitException, at: 'after_epoch', when: 'any' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch',
        'after_cancel_fit', 'after_fit',
      ],
    ],
  ];

  it.each(CASES)('%s', async (_title, c, expected) => {
    const { learn, logger, canceller } = setup(c);
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    expect(logger.events).toEqual(expected);
  });
});

describe('cancel matrix: cancels with no matching stage around them escape fit', () => {
  // prettier-ignore
  const CASES: Array<[string, Case, EventName[]]> = [
    [
      'CancelBatchException at after_batch (outside the batch try)',
      { exc: CancelBatchException, at: 'after_batch', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
      ],
    ],
    [
      'CancelBatchException at before_fit',
      { exc: CancelBatchException, at: 'before_fit', when: 'any' },
      [
        'before_fit',
      ],
    ],
    [
      'CancelBackwardException at after_backward',
      { exc: CancelBackwardException, at: 'after_backward', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward',
      ],
    ],
    [
      'CancelBackwardException at before_step',
      { exc: CancelBackwardException, at: 'before_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step',
      ],
    ],
    [
      'CancelStepException at after_step',
      { exc: CancelStepException, at: 'after_step', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step',
      ],
    ],
    [
      'CancelStepException at after_loss',
      { exc: CancelStepException, at: 'after_loss', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss',
      ],
    ],
    [
      'CancelValidException in training (before_train)',
      { exc: CancelValidException, at: 'before_train', when: 'train' },
      [
        'before_fit', 'before_epoch', 'before_train',
      ],
    ],
    [
      'CancelTrainException at before_validate',
      { exc: CancelTrainException, at: 'before_validate', when: 'valid' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
      ],
    ],
    [
      'CancelEpochException at after_epoch',
      { exc: CancelEpochException, at: 'after_epoch', when: 'any' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch',
      ],
    ],
    [
      'CancelFitException at after_fit',
      { exc: CancelFitException, at: 'after_fit', when: 'any' },
      [
        'before_fit', 'before_epoch', 'before_train',
        'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
        'after_train', 'before_validate',
        'before_batch', 'after_pred', 'after_loss', 'after_batch',
        'after_validate', 'after_epoch', 'after_fit',
      ],
    ],
  ];

  it.each(CASES)('%s', async (_title, c, expected) => {
    const { learn, logger, canceller } = setup(c);
    // fastai's Callback.__call__ re-raises the Cancel exceptions as they are (never wrapped)
    await expect(learn.fit(1)).rejects.toBeInstanceOf(c.exc);
    expect(canceller.fired).toBe(1);
    expect(logger.events).toEqual(expected);
  });
});

describe('cancel matrix: the tricky ones', () => {
  it('CancelBatchException in every batch (train and valid) at before_batch', async () => {
    const logger = new EventLogger();
    const canceller = new Canceller('before_batch', CancelBatchException, 'any', 100, false);
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger, canceller] });
    logger.clear();
    await learn.fit(1);
    expect(canceller.fired).toBe(2);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'before_batch', 'after_cancel_batch', 'after_batch',
      'after_train', 'before_validate',
      'before_batch', 'after_cancel_batch', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('a canceller with a low order stops the event before later callbacks see it', async () => {
    // Learner._call_one: for cb in self.cbs.sorted('order'): cb(event_name) -- the raise ends the loop
    const logger = new EventLogger();
    const canceller = new Canceller('before_batch', CancelBatchException, 'train', -20);
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger, canceller] });
    logger.clear();
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'after_cancel_batch', 'after_batch',
      'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('CancelStepException at before_step: after_step still runs and the parameters are not updated', async () => {
    const logger = new EventLogger();
    const canceller = new Canceller('before_step', CancelStepException, 'train');
    learn = makeLearner({ trainBatches: 1, validBatches: 1, lr: 0.5, cbs: [logger, canceller] });
    const before = weightValues(learn.model);
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    expect(logger.events).toContain('after_cancel_step');
    expect(logger.events).toContain('after_step');
    expect(weightValues(learn.model)).toEqual(before);
  });

  it('control: without a cancel the same fit does update the parameters', async () => {
    learn = makeLearner({ trainBatches: 1, validBatches: 1, lr: 0.5 });
    const before = weightValues(learn.model);
    await learn.fit(1);
    expect(weightValues(learn.model)).not.toEqual(before);
  });

  it('CancelBackwardException at before_backward: no gradients, so the step leaves every parameter unchanged (even with weight decay)', async () => {
    // fastai: _backward (loss_grad.backward()) is skipped, every p.grad stays None, and
    // Optimizer.step only visits params with a grad (all_params(with_grad=True)), weight decay included.
    const seen: Array<unknown> = [];
    class GradSpy extends Callback {
      override order = 200;
      before_step(): void {
        seen.push(this.learn!.grads);
      }
    }
    const logger = new EventLogger();
    const canceller = new Canceller('before_backward', CancelBackwardException, 'train');
    learn = makeLearner({
      trainBatches: 1,
      validBatches: 1,
      lr: 0.5,
      wd: 0.5,
      cbs: [logger, canceller, new GradSpy()],
    });
    logger.clear();
    const before = weightValues(learn.model);
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'before_batch', 'after_pred', 'after_loss',
      'before_backward', 'after_cancel_backward', 'after_backward',
      'before_step', 'after_step', 'after_batch',
      'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
    expect(seen).toEqual([null]);
    expect(weightValues(learn.model)).toEqual(before);
  });

  it('control: with a backward pass, grads at before_step are aligned with params', async () => {
    const shapes: Array<[number[][], number[][]]> = [];
    class GradSpy extends Callback {
      before_step(): void {
        const l = this.learn!;
        shapes.push([l.grads!.map((g: tf.Tensor) => g.shape), l.params.map((p: tf.Variable) => p.shape)]);
      }
    }
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [new GradSpy()] });
    await learn.fit(1);
    expect(shapes.length).toBe(1);
    const [g, p] = shapes[0];
    expect(p.length).toBe(2); // dense kernel [2,2] and bias [2]
    expect(g).toEqual(p);
  });

  it('CancelTrainException at the first after_batch: the second train batch is skipped, validation still runs', async () => {
    const { learn, logger, canceller } = setup({ exc: CancelTrainException, at: 'after_batch', when: 'train' }, [], 2);
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
      'after_cancel_train', 'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('CancelFitException at after_epoch of a 2-epoch fit: epoch 1 never starts, after_cancel_fit and after_fit run', async () => {
    const { learn, logger, canceller } = setup({ exc: CancelFitException, at: 'after_epoch', when: 'any' });
    await learn.fit(2);
    expect(canceller.fired).toBe(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
      'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch',
      'after_cancel_fit', 'after_fit',
    ]);
  });

  it('CancelEpochException at before_epoch of epoch 0 (fastai SkipToEpoch): epoch 1 runs in full', async () => {
    const { learn, logger, canceller } = setup({ exc: CancelEpochException, at: 'before_epoch', when: 'any' });
    await learn.fit(2);
    expect(canceller.fired).toBe(1);
    expect(logger.events).toEqual([
      'before_fit',
      'before_epoch',
      'after_cancel_epoch',
      'after_epoch',
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

  it('CancelValidException at before_validate of every epoch: each epoch trains, never validates', async () => {
    const logger = new EventLogger();
    const canceller = new Canceller('before_validate', CancelValidException, 'valid', 100, false);
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger, canceller] });
    logger.clear();
    await learn.fit(2);
    expect(canceller.fired).toBe(2);
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
      'after_cancel_validate',
      'after_validate',
      'after_epoch',
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
      'after_cancel_validate',
      'after_validate',
      'after_epoch',
      'after_fit',
    ]);
  });
});
