// The LR finder's commands from the page.
import type { ParamValues } from '../../callbacks/messages';
import { useStore } from '../../../app/store';
import { post } from '../../../app/worker-client';

/** Runs the LR finder on a fresh Learner of the current setup (the worker refuses it while busy). */
export function runLrFinder(params: ParamValues): void {
  post({ type: 'lr-find', setup: useStore.getState().setup, params });
}

/** Puts a suggested learning rate into the setup (for the next run). */
export function applySuggestedLr(lr: number): void {
  useStore.getState().updateSetup({ lr: Number(lr.toPrecision(3)) });
}
