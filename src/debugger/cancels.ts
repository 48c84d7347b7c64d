import type { CancelExceptionName, EventName } from '../learner';

type Stage = 'fit' | 'epoch' | 'phase' | 'train' | 'validate' | 'batch' | 'backward' | 'step';

// The `_with_events` stages whose try block is running at each event, innermost first.
// `phase` is train or validate, whichever is running.
const ENCLOSING: Record<EventName, Stage[]> = {
  after_create: [],
  before_fit: ['fit'],
  before_epoch: ['epoch', 'fit'],
  before_train: ['train', 'epoch', 'fit'],
  before_batch: ['batch', 'phase', 'epoch', 'fit'],
  after_pred: ['batch', 'phase', 'epoch', 'fit'],
  after_loss: ['batch', 'phase', 'epoch', 'fit'],
  before_backward: ['backward', 'batch', 'train', 'epoch', 'fit'],
  after_cancel_backward: ['batch', 'train', 'epoch', 'fit'],
  after_backward: ['batch', 'train', 'epoch', 'fit'],
  before_step: ['step', 'batch', 'train', 'epoch', 'fit'],
  after_cancel_step: ['batch', 'train', 'epoch', 'fit'],
  after_step: ['batch', 'train', 'epoch', 'fit'],
  after_cancel_batch: ['phase', 'epoch', 'fit'],
  after_batch: ['phase', 'epoch', 'fit'],
  after_cancel_train: ['epoch', 'fit'],
  after_train: ['epoch', 'fit'],
  before_validate: ['validate', 'epoch', 'fit'],
  after_cancel_validate: ['epoch', 'fit'],
  after_validate: ['epoch', 'fit'],
  after_cancel_epoch: ['fit'],
  after_epoch: ['fit'],
  after_cancel_fit: [],
  after_fit: [],
};

const EXCEPTION: Record<Exclude<Stage, 'phase'>, CancelExceptionName> = {
  fit: 'CancelFitException',
  epoch: 'CancelEpochException',
  train: 'CancelTrainException',
  validate: 'CancelValidException',
  batch: 'CancelBatchException',
  backward: 'CancelBackwardException',
  step: 'CancelStepException',
};

/**
 * The Cancel exceptions that a callback may raise at `event` and that the loop catches there,
 * innermost first (raising any other one would escape `fit`, as in fastai).
 */
export function catchableCancels(event: EventName, training: boolean): CancelExceptionName[] {
  return ENCLOSING[event].map((s) => EXCEPTION[s === 'phase' ? (training ? 'train' : 'validate') : s]);
}
