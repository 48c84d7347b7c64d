import type { CancelExceptionName, EventName } from '../learner';
import { ENCLOSING, resolveStage } from '../shared/loop-source';
import type { EventStage } from '../shared/events';

// ENCLOSING (src/shared/loop-source.ts): the `_with_events` stages whose try block is running at
// each event, innermost first.

const EXCEPTION: Record<EventStage, CancelExceptionName> = {
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
  return ENCLOSING[event].map((s) => EXCEPTION[resolveStage(s, training)]);
}
