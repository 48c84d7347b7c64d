// The only messages that cross the page <-> worker boundary. Plain data only
// (structured-clone friendly): no classes, no tensors, no functions.
// The record shapes mirror BatchRecord / EpochRecord of docs/learner-api.md;
// they are restated here so the page never imports engine code.

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

/** What one training run is asked to do. */
export interface TrainConfig {
  epochs: number;
  lr: number;
  /** Units per hidden layer; the MLP has `layers` such layers. */
  hiddenUnits: number;
  layers: number;
  batchSize: number;
  /** Spiral data: points per class, number of classes (arms), noise, seed. */
  nPerClass: number;
  nClasses: number;
  noise: number;
  seed: number;
}

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why WebGPU is not the backend, e.g. "WebGPU: no adapter"; null when it is. */
  fallbackReason: string | null;
  /** The WebGPU adapter (GPUAdapter.info) when one was found, even if another backend won. */
  adapter: AdapterInfo | null;
}

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
}

export interface Progress {
  epoch: number;
  nEpoch: number;
  iter: number;
  nIter: number;
  training: boolean;
}

export type RunState = 'idle' | 'training' | 'paused' | 'done';

/** Where an error happened, for the page to say so. */
export type ErrorWhere = 'boot' | 'backend' | 'training' | 'message' | 'worker';

import type { CallbackCatalogEntry, CallbackChoice, LoopLineData, LrFindResultData, LrPoint, ParamValues, TimelineEntry } from './callbacks';

// ---- page -> worker ----

export type PageToWorker =
  | { type: 'start'; config: TrainConfig }
  | { type: 'stop' }
  /** Pause at the end of the current batch / go on. */
  | { type: 'pause' }
  | { type: 'resume' }
  // -- callbacks panel (issue 4, src/worker/features/callbacks.ts) --
  /** Switch an optional callback on/off and set its parameters; applies between batches while training. */
  | { type: 'callback-set'; name: string; enabled: boolean; params: ParamValues }
  /** Run fastai's lr_find on a fresh Learner of this setup (refused while training). */
  | { type: 'lr-find'; config: TrainConfig; params: ParamValues };

// ---- worker -> page ----

export type WorkerToPage =
  | { type: 'ready'; backend: BackendInfo; tfVersion: string }
  | { type: 'backend'; backend: BackendInfo }
  /** Coalesced: every record since the previous message (at most one message per ~16 ms). */
  | { type: 'metrics'; batches: BatchRecord[]; epochs: EpochRecord[]; progress: Progress | null }
  | { type: 'progress'; progress: Progress }
  /** detail: 'finished' | 'stopped' | 'failed'; leakedTensors: tensors left after a run (should be 0). */
  | { type: 'status'; state: RunState; detail?: string; leakedTensors?: number }
  | { type: 'error'; message: string; where: ErrorWhere }
  // -- callbacks panel (issue 4, src/worker/features/callbacks.ts) --
  /** At boot: every callback of the registry. */
  | { type: 'callback-catalog'; callbacks: CallbackCatalogEntry[] }
  /** The accepted choices and fastai's show_training_loop for them; sent whenever the set changes. */
  | { type: 'callback-state'; choices: Record<string, CallbackChoice>; loop: LoopLineData[] }
  /** A choice refused (unknown callback, invalid parameters): the registry's message. */
  | { type: 'callback-refused'; name: string; message: string }
  /** A change applied to the running fit, for the run's timeline. */
  | { type: 'callback-timeline'; entry: TimelineEntry }
  | { type: 'lr-find-started' }
  /** Points recorded since the previous message. */
  | { type: 'lr-find-points'; points: LrPoint[] }
  | { type: 'lr-find-done'; result: LrFindResultData }
  | { type: 'lr-find-failed'; message: string };

export type WorkerMessageType = WorkerToPage['type'];
