// The 24 events of fastai's loop and the names of its seven Cancel exceptions: plain data shared by
// every thread (the engine, the worker, the page), defined only here.
/** fastai's 24 training-loop events, in fastai's order and spelling (fastai/callback/core.py `_events`). */
export const EVENTS = [
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
] as const;

export type EventName = (typeof EVENTS)[number];

const EVENT_SET: ReadonlySet<string> = new Set(EVENTS);

export function isEventName(name: string): name is EventName {
  return EVENT_SET.has(name);
}

/** The events of one batch, before_batch … after_batch, in loop order. */
export const BATCH_EVENTS: readonly EventName[] = EVENTS.slice(EVENTS.indexOf('before_batch'), EVENTS.indexOf('after_batch') + 1);

/**
 * fastai's `_inner_loop`: the only events that `runTrain` / `runValid` mute: the batch's events
 * but after_cancel_step, exactly as in fastai.
 */
export const INNER_LOOP: ReadonlySet<EventName> = new Set<EventName>(BATCH_EVENTS.filter((e) => e !== 'after_cancel_step'));

/** The stages wrapped by `_with_events`: before_X, after_cancel_X, after_X. */
export type EventStage = 'fit' | 'epoch' | 'train' | 'validate' | 'batch' | 'backward' | 'step';

/** fastai's seven Cancel exceptions, outermost first (the classes are in src/learner/exceptions.ts). */
export const CANCEL_NAMES = [
  'CancelFitException',
  'CancelEpochException',
  'CancelTrainException',
  'CancelValidException',
  'CancelBatchException',
  'CancelBackwardException',
  'CancelStepException',
] as const;

export type CancelName = (typeof CANCEL_NAMES)[number];
