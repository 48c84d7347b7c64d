// The run's messages: start (acknowledged or refused), stop, pause, resume; the metrics stream and
// the run's state as the worker knows it. Plain data only (structured-clone friendly).
import type { StreamMessage } from '../../shared/records';
import type { Setup } from '../setup/messages';

export type { BatchRecord, EpochRecord, Progress } from '../../shared/records';

/** idle: nothing runs; starting: a start was sent and not answered yet (page only); the rest as the worker says. */
export type RunState = 'idle' | 'starting' | 'training' | 'paused' | 'done';

/** What the worker is busy with: one thing at a time. */
export type WorkerActivity = 'idle' | 'training' | 'lr-find' | 'measuring-backends';

/** Why nothing else can start while the worker does each activity (the worker refuses with it; the page shows it on Train). */
export const BUSY_REASON: Record<Exclude<WorkerActivity, 'idle'>, string> = {
  training: 'A training run is already in progress: stop it first',
  'lr-find': 'The LR finder is running: train when it is done',
  'measuring-backends': 'The backends are being measured: train when it is done',
};

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
  /** The worker holds its life lock (the page may watch it from now on: src/app/worker-life.ts). */
  | { type: 'life-lock-held' }
  | StreamMessage
  /** detail: 'finished' | 'stopped' | 'failed'; leakedTensors: tensors left after a run (should be 0). */
  | { type: 'status'; state: Exclude<RunState, 'starting'>; runId?: string; detail?: string; leakedTensors?: number }
  | { type: 'error'; message: string; where: ErrorWhere };
