// The debugger's messages to the worker: the breakpoints whenever they change (and again to a new
// worker), the commands to a paused loop, hyper-parameters changed while paused, and "pause now".
import type { DebugCommand, DebugHypers } from '../messages';
import { useStore } from '../../../app/store';
import { post } from '../../../app/worker-client';

/** Keeps the worker's breakpoints equal to the page's; returns the unsubscribe. */
export function syncBreakpoints(): () => void {
  const send = () => post({ type: 'debug:breakpoints', breakpoints: useStore.getState().debug.breakpoints });
  send();
  return useStore.subscribe((s, prev) => {
    const respawned = s.workerState === 'ready' && prev.workerState !== 'ready';
    if (respawned || s.debug.breakpoints !== prev.debug.breakpoints) send();
  });
}

export function debugCommand(command: DebugCommand): void {
  if (useStore.getState().debug.paused) post({ type: 'debug:command', command });
}

export function pauseNow(): void {
  post({ type: 'debug:pauseNow' });
}

/** lr / mom / wd for the optimizer from the next step on (the worker applies them as the loop resumes). */
export function setHypers(hypers: DebugHypers): void {
  if (useStore.getState().debug.paused) post({ type: 'debug:setHypers', hypers });
}
