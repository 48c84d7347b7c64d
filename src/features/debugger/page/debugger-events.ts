// fastai's 24 events in order, for the page (restated: the page imports no engine code).
import type { DebugEvent } from '../../messages';

export const DEBUG_EVENTS: readonly DebugEvent[] = [
  'after_create', 'before_fit', 'before_epoch', 'before_train', 'before_batch', 'after_pred',
  'after_loss', 'before_backward', 'after_cancel_backward', 'after_backward', 'before_step',
  'after_cancel_step', 'after_step', 'after_cancel_batch', 'after_batch', 'after_cancel_train',
  'after_train', 'before_validate', 'after_cancel_validate', 'after_validate', 'after_cancel_epoch',
  'after_epoch', 'after_cancel_fit', 'after_fit',
];

/** "CancelBatchException" -> "CancelBatch". */
export const shortCancel = (name: string) => name.replace(/Exception$/, '');
