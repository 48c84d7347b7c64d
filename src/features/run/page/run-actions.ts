// The run's commands from the page. A start is only asked for (the store says "starting"): the
// run exists once the worker answers 'run-started'; one start at a time, none while the worker is
// busy (a run or the LR finder). A stop is always sent to a running worker, never dropped.
import { useStore } from '../../../app/store';
import { post, postIfRunning } from '../../../app/worker-client';
import type { Setup } from '../../setup/messages';
import { canStart } from './run-slice';

let starts = 0;

/** Asks the worker to train `setup`; false (nothing sent) when a start cannot be taken now. */
export function startTraining(setup: Setup = useStore.getState().setup): boolean {
  const s = useStore.getState();
  if (!canStart(s)) return false;
  const runId = `start-${Date.now().toString(36)}-${++starts}`;
  s.requestStart(runId);
  post({ type: 'start', runId, setup });
  return true;
}

export function stopTraining(): void {
  postIfRunning({ type: 'stop' });
}

export function pauseTraining(): void {
  postIfRunning({ type: 'pause' });
}

export function resumeTraining(): void {
  postIfRunning({ type: 'resume' });
}
