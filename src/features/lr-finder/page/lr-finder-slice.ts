// The LR finder on the page: asked for (starting), its points as they stream in, then fastai's
// suggestions; or cancelled (the points it got, no suggestion), or why it failed. The worker says
// when it started and when it ended; the page only says it asked.
import type { StateCreator } from 'zustand';
import type { LrFindResultData, LrPoint } from '../messages';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';

export interface LrFindState {
  state: 'idle' | 'starting' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  /** Streamed while running; the whole curve once done. */
  points: LrPoint[];
  result: LrFindResultData | null;
  error: string | null;
  /** The most iterations this finder runs (0 until the worker said). */
  numIt: number;
  /** When the first and the latest points came (Date.now()) and how many there were then: the pace, without start-up. */
  pace: { firstAt: number; firstCount: number; lastAt: number } | null;
}

export interface LrFinderSlice {
  lrFind: LrFindState;
  /** A finder was asked for: "starting" until the worker answers. */
  lrFindRequested: () => void;
  /** Cancel was asked for: "cancelling" until the worker says it stopped. */
  lrFindCancelRequested: () => void;
}

const IDLE_FINDER: LrFindState = { state: 'idle', points: [], result: null, error: null, numIt: 0, pace: null };

export const createLrFinderSlice: StateCreator<AppState, [], [], LrFinderSlice> = (set) => ({
  lrFind: IDLE_FINDER,
  lrFindRequested: () => set({ lrFind: { ...IDLE_FINDER, state: 'starting' } }),
  lrFindCancelRequested: () => set((s) => (finding(s.lrFind) ? { lrFind: { ...s.lrFind, state: 'cancelling' } } : {})),
});

/** The finder was asked for and has not ended. */
export function finding(f: Pick<LrFindState, 'state'>): boolean {
  return f.state === 'starting' || f.state === 'running' || f.state === 'cancelling';
}

/** The change one worker message makes to the finder (null: not its business). Pure. */
export function reduce(s: Pick<AppState, 'lrFind'>, msg: WorkerToPage, now = Date.now()): Pick<AppState, 'lrFind'> | null {
  switch (msg.type) {
    case 'lr-find-started':
      // a Cancel asked for before the worker answered still stands
      return { lrFind: { ...IDLE_FINDER, state: s.lrFind.state === 'cancelling' ? 'cancelling' : 'running', numIt: msg.numIt } };
    case 'lr-find-points': {
      const pace = s.lrFind.pace ?? { firstAt: now, firstCount: s.lrFind.points.length + msg.points.length, lastAt: now };
      return { lrFind: { ...s.lrFind, points: s.lrFind.points.concat(msg.points), pace: { ...pace, lastAt: now } } };
    }
    case 'lr-find-done':
      return { lrFind: { ...s.lrFind, state: 'done', points: msg.result.points, result: msg.result, error: null } };
    case 'lr-find-cancelled':
      return { lrFind: { ...s.lrFind, state: 'cancelled', result: null, error: null } };
    case 'lr-find-failed':
      return { lrFind: { ...s.lrFind, state: 'failed', error: msg.message } };
    default:
      return null;
  }
}
