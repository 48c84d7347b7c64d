// A tiny typed API on window for e2e tests (tldraw-style): read the store, drive the run.
import type { Setup } from '../protocol/messages';
import { useStore, type AppState } from './store';
import { startTraining, stopTraining } from './worker-bridge';

export interface PlaygroundTestApi {
  getState: () => AppState;
  /** Trains the form's setup, with `setup` over it (unchecked: tests send invalid ones on purpose). */
  start: (setup?: Partial<Setup>) => void;
  stop: () => void;
}

declare global {
  interface Window {
    __playground?: PlaygroundTestApi;
  }
}

export function installTestApi(): void {
  window.__playground = {
    getState: () => useStore.getState(),
    start: (setup) => startTraining({ ...useStore.getState().setup, ...setup }),
    stop: stopTraining,
  };
}
