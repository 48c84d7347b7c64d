// The LR finder on the page: its points as they stream in, then fastai's suggestions, or why it failed.
import type { StateCreator } from 'zustand';
import type { LrFindResultData, LrPoint } from '../messages';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';

export interface LrFindState {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** Streamed while running; the whole curve once done. */
  points: LrPoint[];
  result: LrFindResultData | null;
  error: string | null;
}

export interface LrFinderSlice {
  lrFind: LrFindState;
}

const IDLE_FINDER: LrFindState = { state: 'idle', points: [], result: null, error: null };

export const createLrFinderSlice: StateCreator<AppState, [], [], LrFinderSlice> = () => ({ lrFind: IDLE_FINDER });

/** The change one worker message makes to the finder (null: not its business). Pure. */
export function reduce(s: Pick<AppState, 'lrFind'>, msg: WorkerToPage): Pick<AppState, 'lrFind'> | null {
  switch (msg.type) {
    case 'lr-find-started':
      return { lrFind: { ...IDLE_FINDER, state: 'running' } };
    case 'lr-find-points':
      return { lrFind: { ...s.lrFind, points: s.lrFind.points.concat(msg.points) } };
    case 'lr-find-done':
      return { lrFind: { state: 'done', points: msg.result.points, result: msg.result, error: null } };
    case 'lr-find-failed':
      return { lrFind: { ...s.lrFind, state: 'failed', error: msg.message } };
    default:
      return null;
  }
}
