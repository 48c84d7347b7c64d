// A worker feature (setup, callbacks, debugger, ...): the handlers of its own page messages and
// hooks on each Learner the run builds. The worker routes each message type to exactly one handler.
import type * as tf from '@tensorflow/tfjs';
import type { Learner } from '../learner';
import type { PageMessageType, PageToWorker, WorkerToPage } from '../features/messages';
import type { Session } from '../features/run/worker/session';
import type { SplitData } from '../features/setup/worker/data-source';

export type Send = (msg: WorkerToPage) => void;

/** One handler per message type of `M`, typed by its message; the session is the worker's run state. */
export type Handlers<M extends PageToWorker> = {
  [T in M['type']]: (msg: Extract<M, { type: T }>, session: Session) => void | Promise<void>;
};

export interface WorkerFeature {
  /** Its page messages, one handler each (a type two features take is refused at start-up). */
  readonly handlers?: Partial<Handlers<PageToWorker>>;
  /** Called with each new Learner, before its fit starts (add callbacks, attach a monitor). */
  attach?(learn: Learner, session: Session): void;
  /** Called when that fit is over, whatever happened (the Learner is about to be disposed). */
  detach?(learn: Learner, session: Session): void;
  /** The fit ended with this error (before detach): name what the feature knows of it. */
  failed?(err: unknown): void;
  /** A stop was asked for: release whatever holds the loop (a paused debugger), so the stop reaches it. */
  stopping?(): void;
  /** Tensors it keeps between runs on purpose (a run's leak count leaves out their change). */
  keptTensors?(): number;
  /**
   * On a throwaway Learner of the setup, while nothing runs: compute once, synchronously and
   * disposed, what the feature computes in a run, so the backend compiles it ahead of Train. It may
   * return one small tensor of the result (the caller reads it to know the device is done, and frees it).
   */
  warmUp?(learn: Learner, data: SplitData): tf.Tensor | void;
}

/** The message types a list of features handles. */
export type HandledBy<F> = F extends { readonly handlers: infer H } ? keyof H & PageMessageType : never;

/** `true` compiles only when `Handled` covers every page message type; otherwise the error names the missing ones. */
export type AllHandled<Handled extends PageMessageType> = [Exclude<PageMessageType, Handled>] extends [never]
  ? true
  : { missingHandlersFor: Exclude<PageMessageType, Handled> };
