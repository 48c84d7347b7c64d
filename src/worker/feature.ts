// A worker feature (callbacks panel, debugger, ...): its own page messages and a hook on each Learner.
import type { Learner } from '../learner';
import type { PageToWorker, WorkerToPage } from '../features/messages';
import type { Session } from '../features/run/worker/session';

export type Send = (msg: WorkerToPage) => void;

export interface WorkerFeature {
  /** Called with each new Learner, before its fit starts (add callbacks, attach a monitor). */
  attach?(learn: Learner, session: Session): void;
  /** Called when that fit is over, whatever happened (the Learner is about to be disposed). */
  detach?(learn: Learner, session: Session): void;
  /** Takes the messages it knows; returns false for the others. */
  handle?(msg: PageToWorker, session: Session): boolean | Promise<boolean>;
  /** Tensors it keeps between runs on purpose (a run's leak count leaves out their change). */
  keptTensors?(): number;
}
