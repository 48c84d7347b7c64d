// The debugger's messages to the worker: the breakpoints whenever they change (and again to a new
// worker), the commands to a paused loop, and "pause now".
import type { DebugCommand } from '../messages';
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
