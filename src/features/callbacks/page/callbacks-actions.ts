// The callbacks panel's messages to the worker.
import type { ParamValues } from '../messages';
import { useStore } from '../../../app/store';
import { post } from '../../../app/worker-client';

/** Asks the worker to switch a callback / change its parameters (applied between batches while training). */
export function setCallback(name: string, enabled: boolean, params: ParamValues): void {
  useStore.getState().clearRefusal(name);
  post({ type: 'callback-set', name, enabled, params });
}
