// The callbacks panel: the registry's catalog (from the worker), the accepted choices, fastai's
// show_training_loop for them, refusals and the run's timeline of callback changes.
import type { StateCreator } from 'zustand';
import type { CallbackCatalogEntry, CallbackChoice, LoopLineData, TimelineEntry } from '../messages';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';

export interface CallbacksState {
  catalog: CallbackCatalogEntry[];
  choices: Record<string, CallbackChoice>;
  loop: LoopLineData[];
  /** The worker's message for the last refused choice, by callback name. */
  refused: Record<string, string>;
  /** The current (or last) run's callback changes, oldest first. */
  timeline: TimelineEntry[];
  /** Whether fastai's views (show_training_loop, the debugger's timeline and profile) show the page's plumbing. */
  showPlumbing: boolean;
}

export interface CallbacksSlice {
  callbacks: CallbacksState;
  /** Before asking the worker again: forget the callback's last refusal. */
  clearRefusal: (name: string) => void;
  setShowPlumbing: (show: boolean) => void;
}

export const createCallbacksSlice: StateCreator<AppState, [], [], CallbacksSlice> = (set) => ({
  callbacks: { catalog: [], choices: {}, loop: [], refused: {}, timeline: [], showPlumbing: false },
  clearRefusal: (name) =>
    set((s) => {
      if (!(name in s.callbacks.refused)) return {};
      const refused = { ...s.callbacks.refused };
      delete refused[name];
      return { callbacks: { ...s.callbacks, refused } };
    }),
  setShowPlumbing: (showPlumbing) => set((s) => ({ callbacks: { ...s.callbacks, showPlumbing } })),
});

/** The change one worker message makes to the panel (null: not its business). Pure. */
export function reduce(s: Pick<AppState, 'callbacks'>, msg: WorkerToPage): Pick<AppState, 'callbacks'> | null {
  const c = s.callbacks;
  const patch = (p: Partial<CallbacksState>) => ({ callbacks: { ...c, ...p } });
  switch (msg.type) {
    case 'callback-catalog':
      return patch({ catalog: msg.callbacks });
    case 'callback-state':
      return patch({ choices: msg.choices, loop: msg.loop });
    case 'callback-refused':
      return patch({ refused: { ...c.refused, [msg.name]: msg.message } });
    case 'callback-timeline':
      // a run's first entry starts its timeline
      return patch({ timeline: msg.entry.kind === 'start' ? [msg.entry] : [...c.timeline, msg.entry] });
    default:
      return null;
  }
}
