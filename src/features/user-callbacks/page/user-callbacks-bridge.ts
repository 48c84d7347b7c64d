// Keeps a new worker in step with the page: each worker gets a call beacon and the callbacks the
// user had added (with their switches), as the page holds them. A handler the beacon shows stuck
// is switched off before the code goes to the restarted worker.
import { useStore } from '../../../app/store';
import { post, restartWorker } from '../../../app/worker-client';
import { newBeacon, runningHandler } from './beacon';
import { sentCodes } from './user-callbacks-actions';

function sendAll(): void {
  const buffer = newBeacon();
  if (buffer) post({ type: 'user-cb-beacon', buffer });
  const drafts = useStore.getState().userCallbacks.drafts;
  for (const code of sentCodes()) {
    const draft = drafts.find((d) => d.id === code.id);
    if (draft) post({ type: 'user-cb-add', code, enabled: draft.enabled });
  }
}

/** Sends the beacon and the added callbacks to every worker that becomes ready; returns the unsubscribe. */
export function syncUserCallbacks(): () => void {
  if (useStore.getState().workerState === 'ready') sendAll();
  return useStore.subscribe((s, prev) => {
    if (s.workerState === 'ready' && prev.workerState !== 'ready') sendAll();
  });
}

/** The user callback whose handler is running now, by the beacon: its id, class and event. */
export function stuckUserHandler(): { id: string; className: string; event: string } | null {
  const running = runningHandler();
  if (!running) return null;
  const info = Object.values(useStore.getState().userCallbacks.infos).find((i) => i.slot === running.slot);
  return info ? { id: info.id, className: info.className, event: running.event } : null;
}

/** Stops a worker held by a user handler: that callback is switched off (its code stays), the worker restarts. */
export function stopStuckHandler(stuck: { id: string; className: string; event: string }, seconds: number): void {
  const s = useStore.getState();
  s.setDraftEnabled(stuck.id, false);
  s.setUserError({
    id: stuck.id,
    className: stuck.className,
    event: stuck.event,
    message: `${stuck.event} did not return for ${seconds} s (an endless loop?): the worker was restarted and ${stuck.className} switched off. Fix it, then switch it on again.`,
    line: null,
    column: null,
  });
  restartWorker(`The training worker was restarted: ${stuck.className}'s ${stuck.event} did not return`);
}
