// A tiny typed API on window for e2e tests (tldraw-style): read the store, drive the run.
import type { BatchRecord } from '../features/run/messages';
import type { Setup } from '../features/setup/messages';
import { enablePerfProbe, perfReport, type PerfReport } from './perf-probe';
import { useStore, type AppState } from './store';
import { startTraining, stopTraining } from '../features/run/page/run-actions';
import { post } from './worker-client';

export interface PlaygroundTestApi {
  getState: () => AppState;
  /** Trains the form's setup, with `setup` over it (unchecked: tests send invalid ones on purpose); false when Train would be off. */
  start: (setup?: Partial<Setup>) => boolean;
  stop: () => void;
  /** Destroys the worker's WebGPU device, as a driver reset would. */
  loseGpuDevice: () => void;
  /** Benchmark hooks: measure the page (see perf-probe.ts) and load a long synthetic history. */
  enablePerfProbe: () => void;
  perfReport: () => PerfReport | null;
  injectHistory: (nBatches: number) => void;
  /** Calls `fn` with the store after every change; returns the unsubscribe. */
  subscribe: (fn: (s: AppState) => void) => () => void;
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
    loseGpuDevice: () => post({ type: 'test:lose-device' }),
    enablePerfProbe,
    perfReport,
    subscribe: (fn) => useStore.subscribe(fn),
    injectHistory: (n) =>
      useStore.getState().applyWorkerMessage({ type: 'metrics', batches: syntheticHistory(n), epochs: [], progress: null }),
  };
}

/** A plausible loss curve of `n` batches (what a long run leaves in the store). */
function syntheticHistory(n: number): BatchRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const loss = 2 * Math.exp(-i / (n / 5)) + 0.1 + 0.05 * Math.sin(i);
    return { epoch: Math.floor(i / 1000), iter: i % 1000, trainIter: i, loss, smoothLoss: loss, lr: 1e-3 };
  });
}
