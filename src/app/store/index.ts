// The one store, made of slices. Actions are callable outside React
// (useStore.getState().applyWorkerMessage(...)), which the worker bridge does.
import { create } from 'zustand';
import type { WorkerToPage } from '../../protocol/messages';
import { createCallbacksSlice, reduce as reduceCallbacks, type CallbacksSlice } from './callbacks-slice';
import { createDebuggerSlice, reduce as reduceDebugger, type DebuggerSlice } from './debugger-slice';
import { createOutputsSlice, reduce as reduceOutputs, type OutputsSlice } from './outputs-slice';
import { createRunSlice, reduce as reduceRun, type RunSlice } from './run-slice';
import { createSetupSlice, type SetupSlice } from './setup-slice';
import { createViewSlice, reduce as reduceView, type ViewSlice } from './view-slice';
import { createWorkbenchSlice, reduce as reduceWorkbench, type WorkbenchSlice } from './workbench-slice';

export type AppState = CallbacksSlice &
  OutputsSlice &
  SetupSlice &
  ViewSlice &
  RunSlice &
  DebuggerSlice &
  WorkbenchSlice & {
    /** One store update per worker message, whatever slices it concerns. */
    applyWorkerMessage: (msg: WorkerToPage) => void;
  };

/** Each slice's pure reducer of worker messages; null when the message is not its business. */
type Reducer = (s: AppState, msg: WorkerToPage) => Partial<AppState> | null;
const REDUCERS: Reducer[] = [reduceRun, reduceView, reduceDebugger, reduceCallbacks, reduceOutputs, reduceWorkbench];

export const useStore = create<AppState>()((...a) => {
  const [set] = a;
  return {
    ...createCallbacksSlice(...a),
    ...createOutputsSlice(...a),
    ...createSetupSlice(...a),
    ...createViewSlice(...a),
    ...createRunSlice(...a),
    ...createDebuggerSlice(...a),
    ...createWorkbenchSlice(...a),
    applyWorkerMessage: (msg) =>
      set((s) => {
        const patch: Partial<AppState> = { messages: s.messages + 1 };
        for (const r of REDUCERS) Object.assign(patch, r(s, msg));
        return patch;
      }),
  };
});
