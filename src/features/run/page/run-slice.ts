// The run: worker and backend state, the metrics history, progress and errors.
// One store update per worker message (records arrive already batched).
import type { StateCreator } from 'zustand';
import type { BackendInfo } from '../../backend/messages';
import type { BatchRecord, EpochRecord, ErrorWhere, Progress, RunState } from '../messages';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';

export type WorkerState = 'booting' | 'ready' | 'crashed';

export interface RunError {
  message: string;
  where: ErrorWhere;
}

export interface RunSlice {
  workerState: WorkerState;
  backend: BackendInfo | null;
  tfVersion: string | null;
  runState: RunState;
  /** 'finished' | 'stopped' | 'failed' once a run ended. */
  runDetail: string | null;
  leakedTensors: number | null;
  batches: BatchRecord[];
  epochs: EpochRecord[];
  progress: Progress | null;
  /** Number of worker messages applied (tests and debugging). */
  messages: number;
  /** Date.now() when the current run began (for samples/s and time left). */
  runStartedAt: number | null;
  error: RunError | null;
  /** The first batch whose loss was not finite (NaN or ±Infinity), if the run diverged. */
  diverged: BatchRecord | null;
  beginRun: () => void;
  workerCrashed: (message: string) => void;
  workerRestarting: () => void;
  dismissError: () => void;
}

const emptyRun = {
  runDetail: null,
  leakedTensors: null,
  batches: [] as BatchRecord[],
  epochs: [] as EpochRecord[],
  progress: null,
  error: null,
  diverged: null,
};

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  workerState: 'booting',
  backend: null,
  tfVersion: null,
  runState: 'idle',
  messages: 0,
  runStartedAt: null,
  ...emptyRun,
  beginRun: () => set({ ...emptyRun, runState: 'training', runStartedAt: Date.now() }),
  workerCrashed: (message) =>
    set({ workerState: 'crashed', runState: 'idle', error: { message, where: 'worker' } }),
  workerRestarting: () => set({ workerState: 'booting', backend: null }),
  dismissError: () => set({ error: null }),
});

/** The state change one worker message makes to the run (null: not a run message). Pure, so it is unit-tested. */
export function reduce(s: RunSlice, msg: WorkerToPage): Partial<RunSlice> | null {
  switch (msg.type) {
    case 'ready':
      return { workerState: 'ready', backend: msg.backend, tfVersion: msg.tfVersion };
    case 'backend':
      return { backend: msg.backend };
    case 'metrics':
      return {
        diverged: s.diverged ?? msg.batches.find((b) => !Number.isFinite(b.loss)) ?? null,
        batches: msg.batches.length ? s.batches.concat(msg.batches) : s.batches,
        epochs: msg.epochs.length ? s.epochs.concat(msg.epochs) : s.epochs,
        progress: msg.progress ?? s.progress,
      };
    case 'progress':
      return { progress: msg.progress };
    case 'status':
      return {
        runState: msg.state,
        runDetail: msg.detail ?? null,
        leakedTensors: msg.leakedTensors ?? s.leakedTensors,
      };
    case 'error':
      return { error: { message: msg.message, where: msg.where } };
    default:
      return null;
  }
}
