// The saved runs on the page: the list, the one saving now, the one opened, the compare selection,
// the last storage message, the runs other tabs are saving and the storage estimate. Written by
// runs-bridge.ts (IndexedDB, the other tabs), never by worker messages.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../../app/store';
import type { SavedRun } from './runs-db';
import type { StorageEstimate } from './runs-storage';

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
  /** Runs another tab is saving now (shown running, not interrupted). */
  liveElsewhere: string[];
  /** The browser's storage estimate, read after writes; null where it gives none. */
  storage: StorageEstimate | null;
}

export interface RunsSlice {
  saved: RunsState;
}

export const createRunsSlice: StateCreator<AppState, [], [], RunsSlice> = () => ({
  saved: { available: false, runs: [], currentId: null, openedId: null, selected: [], message: null, liveElsewhere: [], storage: null },
});
