// The LR finder's commands from the page.
import type { ParamValues } from '../../callbacks/messages';
import { useStore } from '../../../app/store';
import { post, postIfRunning } from '../../../app/worker-client';
import { finding } from './lr-finder-slice';

/** Runs the LR finder on a fresh Learner of the current setup (the worker refuses it while busy). */
export function runLrFinder(params: ParamValues): void {
  const s = useStore.getState();
  if (finding(s.lrFind)) return;
  s.lrFindRequested();
  post({ type: 'lr-find', setup: s.setup, params });
}

/** Stops the finder after its current iteration (the worker says when it stopped). */
export function cancelLrFinder(): void {
  const s = useStore.getState();
  if (!finding(s.lrFind)) return;
  s.lrFindCancelRequested();
  postIfRunning({ type: 'lr-find-cancel' });
}

/** Puts a suggested learning rate into the setup (for the next run). */
export function applySuggestedLr(lr: number): void {
  useStore.getState().updateSetup({ lr: Number(lr.toPrecision(3)) });
}
