// The one store, made of the features' slices. Actions are callable outside React
// (useStore.getState().applyWorkerMessage(...)), which the worker client does.
import { create } from 'zustand';
import type { WorkerToPage } from '../features/messages';
import { createBackendSlice, reduce as reduceBackend, type BackendSlice } from '../features/backend/page/backend-slice';
import { createCallbacksSlice, reduce as reduceCallbacks, type CallbacksSlice } from '../features/callbacks/page/callbacks-slice';
import { createLrFinderSlice, reduce as reduceLrFinder, type LrFinderSlice } from '../features/lr-finder/page/lr-finder-slice';
import { createShareSlice, reduce as reduceShare, type ShareSlice } from '../features/share/page/share-slice';
import { createDebuggerSlice, reduce as reduceDebugger, type DebuggerSlice } from '../features/debugger/page/debugger-slice';
import { createOutputsSlice, reduce as reduceOutputs, type OutputsSlice } from '../features/callbacks/page/outputs-slice';
import { createRunsSlice, type RunsSlice } from '../features/runs/page/runs-slice';
import { createRunSlice, reduce as reduceRun, type RunSlice } from '../features/run/page/run-slice';
import { createSetupSlice, type SetupSlice } from '../features/setup/page/setup-slice';
import { createViewSlice, reduce as reduceView, type ViewSlice } from '../features/setup/page/view-slice';
import {
  createUserCallbacksSlice,
  reduce as reduceUserCallbacks,
  type UserCallbacksSlice,
} from '../features/user-callbacks/page/user-callbacks-slice';
import { createWorkbenchSlice, reduce as reduceWorkbench, type WorkbenchSlice } from './workbench/workbench-slice';

export type AppState = BackendSlice &
  CallbacksSlice &
  LrFinderSlice &
  ShareSlice &
  RunsSlice &
  OutputsSlice &
  SetupSlice &
  ViewSlice &
  RunSlice &
  DebuggerSlice &
  WorkbenchSlice &
  UserCallbacksSlice & {
    /** One store update per worker message, whatever slices it concerns. */
    applyWorkerMessage: (msg: WorkerToPage) => void;
  };

/** Each slice's pure reducer of worker messages; null when the message is not its business. */
type Reducer = (s: AppState, msg: WorkerToPage) => Partial<AppState> | null;
const REDUCERS: Reducer[] = [
  reduceRun,
  reduceView,
  reduceDebugger,
  reduceCallbacks,
  reduceLrFinder,
  reduceOutputs,
  reduceShare,
  reduceWorkbench,
  reduceBackend,
  reduceUserCallbacks,
];

export const useStore = create<AppState>()((...a) => {
  const [set] = a;
  return {
    ...createBackendSlice(...a),
    ...createCallbacksSlice(...a),
    ...createLrFinderSlice(...a),
    ...createShareSlice(...a),
    ...createRunsSlice(...a),
    ...createOutputsSlice(...a),
    ...createSetupSlice(...a),
    ...createViewSlice(...a),
    ...createRunSlice(...a),
    ...createDebuggerSlice(...a),
    ...createWorkbenchSlice(...a),
    ...createUserCallbacksSlice(...a),
    applyWorkerMessage: (msg) =>
      set((s) => {
        const patch: Partial<AppState> = { messages: s.messages + 1 };
        for (const r of REDUCERS) Object.assign(patch, r(s, msg));
        return patch;
      }),
  };
});
