// The callbacks panel's messages to the worker.
import type { ParamValues } from '../messages';
import type { PageToWorker } from '../../messages';
import { useStore } from '../../../app/store';
import { ensureWorker } from '../../../app/worker-bridge';

const post = (msg: PageToWorker) => ensureWorker().postMessage(msg);

/** Asks the worker to switch a callback / change its parameters (applied between batches while training). */
export function setCallback(name: string, enabled: boolean, params: ParamValues): void {
  useStore.getState().clearRefusal(name);
  post({ type: 'callback-set', name, enabled, params });
}

/** Runs the LR finder on a fresh Learner of the current setup. */
export function runLrFinder(params: ParamValues): void {
  post({ type: 'lr-find', setup: useStore.getState().setup, params });
}

/** Puts a suggested learning rate into the setup (for the next run). */
export function applySuggestedLr(lr: number): void {
  useStore.getState().updateSetup({ lr: Number(lr.toPrecision(3)) });
}
