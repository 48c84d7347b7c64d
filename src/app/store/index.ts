// The one store, made of slices. Actions are callable outside React
// (useStore.getState().applyWorkerMessage(...)), which the worker bridge does.
import { create } from 'zustand';
import type { WorkerToPage } from '../../protocol/messages';
import { createRunSlice, reduce as reduceRun, type RunSlice } from './run-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';

export type AppState = SettingsSlice &
  RunSlice & {
    /** One store update per worker message, whatever slices it concerns. */
    applyWorkerMessage: (msg: WorkerToPage) => void;
  };

/** Each slice's pure reducer of worker messages; null when the message is not its business. */
type Reducer = (s: AppState, msg: WorkerToPage) => Partial<AppState> | null;
const REDUCERS: Reducer[] = [reduceRun];

export const useStore = create<AppState>()((...a) => {
  const [set] = a;
  return {
    ...createSettingsSlice(...a),
    ...createRunSlice(...a),
    applyWorkerMessage: (msg) =>
      set((s) => {
        const patch: Partial<AppState> = { messages: s.messages + 1 };
        for (const r of REDUCERS) Object.assign(patch, r(s, msg));
        return patch;
      }),
  };
});
