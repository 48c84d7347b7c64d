// A tiny typed API on window for e2e tests (tldraw-style): read the store, drive the run.
import type { TrainConfig } from '../protocol/messages';
import { useStore, type AppState } from './store';
import { startTraining, stopTraining } from './worker-bridge';

export interface PlaygroundTestApi {
  getState: () => AppState;
  start: (config?: Partial<TrainConfig>) => void;
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
    start: (config) => startTraining({ ...useStore.getState().settings, ...config }),
    stop: stopTraining,
  };
}
