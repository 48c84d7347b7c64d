// The saved runs on the page: the list, the one saving now, the one opened, the compare selection
// and the last storage message. Written by runs-bridge.ts (IndexedDB), never by worker messages.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../../app/store';
import type { SavedRun } from './runs-db';

export interface RunsState {
  /** false until the database opened, and for good when it cannot be used. */
  available: boolean;
  runs: SavedRun[];
  /** The run being saved as it trains. */
  currentId: string | null;
  /** The saved run whose curves and setup the page shows. */
  openedId: string | null;
  /** Runs ticked for comparison. */
  selected: string[];
  message: string | null;
}

export interface RunsSlice {
  saved: RunsState;
}

export const createRunsSlice: StateCreator<AppState, [], [], RunsSlice> = () => ({
  saved: { available: false, runs: [], currentId: null, openedId: null, selected: [], message: null },
});
