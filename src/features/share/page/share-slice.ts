// Share and export on the page: what the opened link held that was invalid, the model the worker
// keeps (trained or loaded), and the last export / import refusal.
import type { StateCreator } from 'zustand';
import type { KeptModelInfo } from '../messages';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';

export interface ShareState {
  /** What the opened link held that was invalid (replaced by defaults). */
  ignored: string[];
  model: KeptModelInfo | null;
  /** The last refusal or failure of an export / import. */
  modelMessage: string | null;
}

export interface ShareSlice {
  share: ShareState;
  setShare: (patch: Partial<ShareState>) => void;
}

export const createShareSlice: StateCreator<AppState, [], [], ShareSlice> = (set) => ({
  share: { ignored: [], model: null, modelMessage: null },
  setShare: (patch) => set((s) => ({ share: { ...s.share, ...patch } })),
});

/** The change one worker message makes to share (null: not its business). Pure. */
export function reduce(s: Pick<AppState, 'share'>, msg: WorkerToPage): Pick<AppState, 'share'> | null {
  switch (msg.type) {
    case 'model-state':
      return { share: { ...s.share, model: msg.model, modelMessage: null } };
    case 'model-refused':
      return { share: { ...s.share, modelMessage: msg.message } };
    default:
      return null;
  }
}
