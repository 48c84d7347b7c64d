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

// ---- debugger (issue 5): plain restatements of src/debugger's types, so the page imports no engine ----

/** fastai's 24 events (src/learner/events.ts), in fastai's order. */
export type DebugEvent =
  | 'after_create' | 'before_fit' | 'before_epoch' | 'before_train' | 'before_batch' | 'after_pred'
  | 'after_loss' | 'before_backward' | 'after_cancel_backward' | 'after_backward' | 'before_step'
  | 'after_cancel_step' | 'after_step' | 'after_cancel_batch' | 'after_batch' | 'after_cancel_train'
  | 'after_train' | 'before_validate' | 'after_cancel_validate' | 'after_validate' | 'after_cancel_epoch'
  | 'after_epoch' | 'after_cancel_fit' | 'after_fit';

export type DebugCancel =
  | 'CancelFitException' | 'CancelEpochException' | 'CancelTrainException' | 'CancelValidException'
  | 'CancelBatchException' | 'CancelBackwardException' | 'CancelStepException';

export type DebugCondition =
  | { kind: 'epoch'; op: 'eq' | 'gte'; value: number }
  | { kind: 'iter'; op: 'eq' | 'gte'; value: number }
  | { kind: 'lossAbove'; value: number }
  | { kind: 'lossNotFinite' }
  | { kind: 'phase'; phase: 'train' | 'valid' };

export interface DebugBreakpoint {
  id: string;
  event: DebugEvent;
  enabled: boolean;
  /** All must hold. */
  conditions: DebugCondition[];
}

export type DebugCommand =
  | { kind: 'continue' }
  | { kind: 'step' }
  | { kind: 'nextBatch' }
  | { kind: 'nextEpoch' }
  | { kind: 'cancel'; exception: DebugCancel };

export interface DebugNamedNorm {
  name: string;
  norm: number;
}

export interface DebugTensor {
  shape: number[];
  dtype: string;
}

/** The first rows of the batch: `n` rows of `rowShape` values each (row-major). */
export interface DebugPreview {
  inputs: number[];
  rowShape: number[];
  n: number;
  labels: number[] | null;
  /** argmax of pred per row (classification) or its value (regression); null before after_pred. */
  predictions: number[] | null;
}

export interface DebugSnapshot {
  event: DebugEvent;
  epoch: number;
  nEpoch: number;
  iter: number;
  nIter: number;
  trainIter: number;
  pctTrain: number;
  training: boolean;
  hypers: Record<string, number> | null;
  xb: DebugTensor[];
  yb: DebugTensor[];
  pred: DebugTensor | null;
  loss: number | null;
  gradNorms: DebugNamedNorm[] | null;
  paramNorms: DebugNamedNorm[];
  updateNorms: DebugNamedNorm[] | null;
  preview: DebugPreview | null;
}

export interface DebugCallbackRun {
  name: string;
  ms: number;
  error: string | null;
  changes: string[];
}

export interface DebugTimelineEntry {
  event: DebugEvent;
  epoch: number;
  iter: number;
  training: boolean;
  callbacks: DebugCallbackRun[];
}

export interface DebugProfileEntry {
  name: string;
  calls: number;
  totalMs: number;
  maxMs: number;
}

/** Where a paused loop stands and what it looks like there. */
export interface DebugPause {
  reason: string;
  snapshot: DebugSnapshot;
  /** Events of the current batch (or the epoch-level ones before it), oldest first; the last is the current one. */
  timeline: DebugTimelineEntry[];
  profile: DebugProfileEntry[];
  /** The cancels that the loop catches at this event, innermost first. */
  cancels: DebugCancel[];
}

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
  | { type: 'lr-find'; config: TrainConfig; params: ParamValues }
  // -- debugger (issue 5): breakpoints (kept between runs), commands to a paused loop, pause at the next event --
  | { type: 'debug:breakpoints'; breakpoints: DebugBreakpoint[] }
  | { type: 'debug:command'; command: DebugCommand }
  | { type: 'debug:pauseNow' };

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
  | { type: 'lr-find-failed'; message: string }
  // -- debugger (issue 5): the loop stopped at an event / runs on --
  | { type: 'debug:paused'; pause: DebugPause }
  | { type: 'debug:resumed' };

export type WorkerMessageType = WorkerToPage['type'];
