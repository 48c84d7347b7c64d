// The run's messages: start (acknowledged or refused), stop, pause, resume; the metrics stream and
// the run's state as the worker knows it. Plain data only (structured-clone friendly).
// The record shapes are BatchRecord / EpochRecord of docs/learner-api.md.
import type { CallbackOutputs } from '../callbacks/messages';
import type { Setup } from '../setup/messages';

export interface BatchRecord {
  epoch: number;
  iter: number;
  trainIter: number;
  loss: number;
  smoothLoss: number;
  lr: number;
}

export interface EpochRecord {
  epoch: number;
  /** null when the epoch had no training batch (e.g. cancelled). */
  trainLoss: number | null;
  validLoss: number | null;
  metrics: Record<string, number>;
  seconds: number;
}

export interface Progress {
  epoch: number;
  nEpoch: number;
  iter: number;
  nIter: number;
  training: boolean;
}

/** idle: nothing runs; starting: a start was sent and not answered yet (page only); the rest as the worker says. */
export type RunState = 'idle' | 'starting' | 'training' | 'paused' | 'done';

/** What the worker is busy with: one thing at a time. */
export type WorkerActivity = 'idle' | 'training' | 'lr-find';

/** Where an error happened, for the page to say so. */
export type ErrorWhere = 'boot' | 'backend' | 'training' | 'message' | 'worker';

export type RunPageToWorker =
  /** `runId` is the page's name for this start: the worker answers 'run-started' or 'run-refused' with it. */
  | { type: 'start'; runId: string; setup: Setup }
  | { type: 'stop' }
  /** Pause at the end of the current batch / go on. */
  | { type: 'pause' }
  | { type: 'resume' };

export type RunWorkerToPage =
  /** The start was taken: the run exists from now on (the page shows "training", the run is saved). */
  | { type: 'run-started'; runId: string }
  /** The start was not taken (another run or the LR finder is going, no backend): nothing started. */
  | { type: 'run-refused'; runId: string; message: string }
  /** What the worker is doing; sent whenever it changes (the page enables Train and the LR finder from it). */
  | { type: 'activity'; activity: WorkerActivity }
  /** Coalesced: every record since the previous message (at most one message per ~16 ms). */
  /** firstAt: when the oldest record in it was read back in the worker (ms since the Unix epoch), for latency figures. */
  | {
      type: 'metrics';
      batches: BatchRecord[];
      epochs: EpochRecord[];
      progress: Progress | null;
      firstAt?: number;
      outputs?: CallbackOutputs;
    }
  | { type: 'progress'; progress: Progress }
  /** detail: 'finished' | 'stopped' | 'failed'; leakedTensors: tensors left after a run (should be 0). */
  | { type: 'status'; state: Exclude<RunState, 'starting'>; runId?: string; detail?: string; leakedTensors?: number }
  | { type: 'error'; message: string; where: ErrorWhere };
