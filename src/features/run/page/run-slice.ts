// The run as the worker tells it: worker and backend state, what the worker is busy with, the
// run's state (a start is only "starting" until the worker takes it), the metrics history,
// progress and errors. One store update per worker message (records arrive already batched).
import type { StateCreator } from 'zustand';
import type { BackendInfo } from '../../backend/messages';
import type { BatchRecord, EpochRecord, ErrorWhere, Progress, RunState, WorkerActivity } from '../messages';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';
import { fractionDone, type FirstBatches } from './run-progress';
import { BatchHistory } from './batch-history';
import { finding } from '../../lr-finder/page/lr-finder-slice';

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
  /** What the worker is busy with (a run, the LR finder), as it last said. */
  activity: WorkerActivity;
  /** The start the page asked for and the worker has not answered yet. */
  pendingStart: { runId: string; before: RunState } | null;
  /** The run the worker took (its 'run-started'), while it lasts and after. */
  runId: string | null;
  /** 'finished' | 'stopped' | 'failed' once a run ended. */
  runDetail: string | null;
  leakedTensors: number | null;
  /** The run's batches, in growable columns (amortised O(1) append; see batch-history.ts). */
  batches: BatchHistory;
  epochs: EpochRecord[];
  progress: Progress | null;
  /** Number of worker messages applied (tests and debugging). */
  messages: number;
  /** Date.now() when the current run began. */
  runStartedAt: number | null;
  /** When the first batches were read back (samples/s and time left are measured from there). */
  firstBatches: FirstBatches | null;
  error: RunError | null;
  /** Whole seconds the worker has said nothing while a run or a job should be talking (null: it talks). */
  workerSilentFor: number | null;
  /** The first batch whose loss was not finite (NaN or ±Infinity), if the run diverged. */
  diverged: BatchRecord | null;
  /** A start was sent: "starting" until the worker answers. */
  requestStart: (runId: string) => void;
  workerCrashed: (message: string) => void;
  workerSilence: (seconds: number | null) => void;
  workerRestarting: () => void;
  dismissError: () => void;
}

const emptyRun = {
  runDetail: null,
  leakedTensors: null,
  batches: BatchHistory.empty(),
  epochs: [] as EpochRecord[],
  progress: null,
  firstBatches: null,
  error: null,
  diverged: null,
};

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  workerState: 'booting',
  backend: null,
  tfVersion: null,
  runState: 'idle',
  activity: 'idle',
  pendingStart: null,
  runId: null,
  messages: 0,
  runStartedAt: null,
  workerSilentFor: null,
  ...emptyRun,
  requestStart: (runId) => set((s) => ({ runState: 'starting', pendingStart: { runId, before: s.runState }, error: null })),
  workerCrashed: (message) =>
    set((s) => ({
      workerState: 'crashed',
      runState: 'idle',
      activity: 'idle',
      pendingStart: null,
      workerSilentFor: null,
      // a run that was going ended with the worker
      runDetail: s.runState === 'idle' || s.runState === 'done' ? s.runDetail : 'interrupted',
      // an LR finder or a measurement that was going ended with it too
      lrFind: finding(s.lrFind) ? { ...s.lrFind, state: 'failed', error: message } : s.lrFind,
      backendSpeeds: s.backendSpeeds && !s.backendSpeeds.done ? { ...s.backendSpeeds, done: true } : s.backendSpeeds,
      error: { message, where: 'worker' },
    })),
  workerSilence: (seconds) => set({ workerSilentFor: seconds }),
  // the worker's own error goes with it
  workerRestarting: () => set((s) => ({ workerState: 'booting', backend: null, error: s.error?.where === 'worker' ? null : s.error })),
  dismissError: () => set({ error: null }),
});

/** The state change one worker message makes to the run (null: not a run message). Pure, so it is unit-tested. */
export function reduce(s: RunSlice, msg: WorkerToPage): Partial<RunSlice> | null {
  switch (msg.type) {
    case 'ready':
      return { workerState: 'ready', backend: msg.backend, tfVersion: msg.tfVersion };
    case 'backend':
      return { backend: msg.backend };
    case 'metrics': {
      const progress = msg.progress ?? s.progress;
      const firstBatches =
        s.firstBatches ??
        (msg.batches.length
          ? { at: Date.now(), batches: s.batches.length + msg.batches.length, fraction: fractionDone(progress, 1, s.runState) }
          : null);
      return {
        diverged: s.diverged ?? msg.batches.find((b) => !Number.isFinite(b.loss)) ?? null,
        batches: s.batches.append(msg.batches),
        epochs: msg.epochs.length ? s.epochs.concat(msg.epochs) : s.epochs,
        progress,
        firstBatches,
      };
    }
    case 'progress':
      return { progress: msg.progress };
    case 'activity':
      return { activity: msg.activity };
    case 'run-started':
      if (s.pendingStart?.runId !== msg.runId) return null;
      return { ...emptyRun, runState: 'training', pendingStart: null, runId: msg.runId, runStartedAt: Date.now() };
    case 'run-refused':
      if (s.pendingStart?.runId !== msg.runId) return null;
      return { runState: s.pendingStart.before, pendingStart: null, error: { message: msg.message, where: 'message' } };
    case 'status':
      // Another run's status (one the page did not start) never moves this page's run.
      if (msg.runId !== undefined && msg.runId !== s.runId) return null;
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

/** A run is asked for, going or paused. */
export function runActive(s: Pick<RunSlice, 'runState'>): boolean {
  return s.runState === 'starting' || s.runState === 'training' || s.runState === 'paused';
}

/** Whether Train may send a start now: the worker is up and free, and no start is pending. */
export function canStart(s: Pick<RunSlice, 'runState' | 'activity' | 'workerState' | 'pendingStart'>): boolean {
  return !runActive(s) && s.pendingStart === null && s.activity === 'idle' && s.workerState !== 'crashed';
}
