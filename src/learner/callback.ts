import { INNER_LOOP, type EventName } from './events';
import { CallbackError, CancelException } from './exceptions';
import type { Learner } from './learner';
import { callbackName } from '../shared/callback-names';

export { callbackName, camel2snake } from '../shared/callback-names';

export type CallbackHandlers = Pick<Callback, EventName>;

/**
 * Base class of every callback, with fastai's semantics:
 * callbacks run sorted by `order`; `run = false` mutes a callback until the end of the fit;
 * `runTrain` / `runValid` mute only the batch-level events (fastai's `_inner_loop`).
 */
export class Callback {
  // A callback handles an event with a method of the same name, sync or async: `before_fit() {}`.
  // Every Callback may define any of the 24 event methods.
  after_create?(): void | Promise<void>;
  before_fit?(): void | Promise<void>;
  before_epoch?(): void | Promise<void>;
  before_train?(): void | Promise<void>;
  before_batch?(): void | Promise<void>;
  after_pred?(): void | Promise<void>;
  after_loss?(): void | Promise<void>;
  before_backward?(): void | Promise<void>;
  after_cancel_backward?(): void | Promise<void>;
  after_backward?(): void | Promise<void>;
  before_step?(): void | Promise<void>;
  after_cancel_step?(): void | Promise<void>;
  after_step?(): void | Promise<void>;
  after_cancel_batch?(): void | Promise<void>;
  after_batch?(): void | Promise<void>;
  after_cancel_train?(): void | Promise<void>;
  after_train?(): void | Promise<void>;
  before_validate?(): void | Promise<void>;
  after_cancel_validate?(): void | Promise<void>;
  after_validate?(): void | Promise<void>;
  after_cancel_epoch?(): void | Promise<void>;
  after_epoch?(): void | Promise<void>;
  after_cancel_fit?(): void | Promise<void>;
  after_fit?(): void | Promise<void>;

  order = 0;
  run = true;
  runTrain = true;
  runValid = true;
  learn: Learner | null = null;

  /** The class name, as fastai shows it (`TrainEvalCallback`). */
  get className(): string {
    return this.constructor.name;
  }

  /** fastai's `Callback.name`: `TrainEvalCallback` -> `train_eval`. */
  get name(): string {
    return callbackName(this.className);
  }

  /** Whether this callback has a handler for `event` (shown by `showTrainingLoop`). */
  handles(event: EventName): boolean {
    return typeof this[event] === 'function';
  }

  /** Whether `callEvent(event)` would run a handler now (it has one and is not muted). */
  runsAt(event: EventName): boolean {
    return this.handles(event) && this.run && this.shouldRun(event);
  }

  /**
   * fastai's `Callback.__call__`: runs the handler unless muted, naming the callback in any error.
   * Returns a promise only when the handler is async, so sync handlers cost no microtask.
   */
  callEvent(event: EventName): void | Promise<void> {
    const handler = this.runsAt(event) ? this[event] : undefined;
    let result: void | Promise<void> = undefined;
    if (typeof handler === 'function') {
      try {
        result = handler.call(this);
      } catch (err) {
        throw this.wrapError(err, event);
      }
    }
    if (result && typeof (result as Promise<void>).then === 'function') {
      return (result as Promise<void>).then(
        () => this.finishEvent(event),
        (err: unknown) => {
          throw this.wrapError(err, event);
        },
      );
    }
    this.finishEvent(event);
  }

  private finishEvent(event: EventName): void {
    if (event === 'after_fit') this.run = true; // fastai resets `run` at each end of fit
  }

  private wrapError(err: unknown, event: EventName): unknown {
    if (err instanceof CancelException || err instanceof CallbackError) return err;
    return new CallbackError(this.className, event, err);
  }

  /**
   * Frees tensors this callback holds. The Learner calls it when the callback is removed and
   * when a fit ends with an error, so nothing leaks; the callback stays usable afterwards.
   */
  dispose(): void {}

  private shouldRun(event: EventName): boolean {
    if (!INNER_LOOP.has(event)) return true;
    // fastai: getattr(self, 'training', True) for run_train and getattr(self, 'training', False) for run_valid.
    const training = this.learn?.training;
    return (this.runTrain && (training ?? true)) || (this.runValid && !(training ?? false));
  }
}

export type CallbackClass<T extends Callback = Callback> = new () => T;
export type CbArg = Callback | CallbackClass;
