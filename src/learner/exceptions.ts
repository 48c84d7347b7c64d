import type { CancelName } from '../shared/events';

/**
 * fastai's control-flow exceptions. Raising one from a callback skips the rest of its stage;
 * the loop then runs `after_cancel_<stage>` and `after_<stage>` (see `Learner.withEvents`).
 */
export class CancelException extends Error {
  constructor(message?: string) {
    super(message ?? new.target.name);
    this.name = new.target.name;
  }
}

/** Interrupts training and goes to `after_fit`. */
export class CancelFitException extends CancelException {}
/** Skips the rest of this epoch and goes to `after_epoch`. */
export class CancelEpochException extends CancelException {}
/** Skips the rest of the training part of the epoch and goes to `after_train`. */
export class CancelTrainException extends CancelException {}
/** Skips the rest of the validation part of the epoch and goes to `after_validate`. */
export class CancelValidException extends CancelException {}
/** Skips the rest of this batch and goes to `after_batch`. */
export class CancelBatchException extends CancelException {}
/** Skips the backward pass and goes to `after_backward`. */
export class CancelBackwardException extends CancelException {}
/** Skips stepping the optimizer. */
export class CancelStepException extends CancelException {}

export const CANCEL_EXCEPTIONS = {
  CancelFitException,
  CancelEpochException,
  CancelTrainException,
  CancelValidException,
  CancelBatchException,
  CancelBackwardException,
  CancelStepException,
} as const satisfies Record<CancelName, typeof CancelException>;

export type CancelExceptionName = CancelName;

/** A non-cancel error thrown by a callback, named as fastai names it. */
export class CallbackError extends Error {
  constructor(
    readonly callbackName: string,
    readonly event: string,
    readonly cause: unknown,
  ) {
    const inner = cause instanceof Error ? cause.message : String(cause);
    super(`Exception occurred in \`${callbackName}\` when calling event \`${event}\`: ${inner}`);
    this.name = 'CallbackError';
  }
}
