// The workbench under the charts: which of its tabs (Callbacks · Write a callback · LR finder · Debugger · Runs) shows.
// A stop of the training loop brings the Debugger forward.
import type { StateCreator } from 'zustand';
import type { WorkerToPage } from '../../features/messages';
import type { AppState } from '../store';

export const WORKBENCH_TABS = ['callbacks', 'code', 'lr-finder', 'debugger', 'runs'] as const;
export type WorkbenchTab = (typeof WORKBENCH_TABS)[number];

export interface WorkbenchSlice {
  workbenchTab: WorkbenchTab;
  showWorkbenchTab: (tab: WorkbenchTab) => void;
}

export const createWorkbenchSlice: StateCreator<AppState, [], [], WorkbenchSlice> = (set) => ({
  workbenchTab: 'callbacks',
  showWorkbenchTab: (tab) => set({ workbenchTab: tab }),
});

/** A pause shows the Debugger tab (the person sees where the loop stopped); nothing else moves tabs. Pure. */
export function reduce(s: Pick<AppState, 'workbenchTab'>, msg: WorkerToPage): Partial<WorkbenchSlice> | null {
  if (msg.type === 'debug:paused' && s.workbenchTab !== 'debugger') return { workbenchTab: 'debugger' };
  return null;
}
