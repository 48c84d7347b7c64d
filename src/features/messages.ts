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

// ---- the setup (issue 3: datasets, models, optimizers) ----

export type SyntheticId = 'spiral' | 'circles' | 'xor' | 'blobs' | 'moons' | 'hills';

/** Which data a run trains on. `user` is the CSV/IDX file last loaded into the worker. */
export type DatasetSetup =
  | { kind: 'synthetic'; id: SyntheticId; params: Record<string, number>; seed: number; validPct: number }
  /** limit: use `limit` of the 10,000 images, picked at random with the seed (short runs). */
  | { kind: 'mnist'; limit: number; seed: number; validPct: number }
  | { kind: 'user'; seed: number; validPct: number };

export type ActivationName = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'linear';

export type ModelSetup =
  | { kind: 'mlp'; layers: number; units: number; activation: ActivationName }
  /** LeNet-style: conv(filters) -> pool -> conv(2 * filters) -> pool -> dense(dense) -> output (image data only). */
  | { kind: 'cnn'; filters: number; dense: number };

export type OptimizerName = 'adam' | 'sgd';

/** Everything one training run is asked to do. The input and output shapes follow the dataset. */
export interface Setup {
  dataset: DatasetSetup;
  model: ModelSetup;
  optimizer: OptimizerName;
  /** SGD momentum (Adam uses its own beta1 = 0.9). */
  momentum: number;
  lr: number;
  wd: number;
  batchSize: number;
  epochs: number;
}

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why WebGPU is not the backend, e.g. "WebGPU: no adapter"; null when it is. */
  fallbackReason: string | null;
  /** The WebGPU adapter (GPUAdapter.info) when one was found, even if another backend won. */
  adapter: AdapterInfo | null;
  /** Picked by the user in the backend picker (not the automatic choice). */
  chosen?: boolean;
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

/** The dataset the worker has ready (sent after 'describe' and after a file loaded). */
export interface DatasetInfo {
  /** 'Spiral', 'MNIST (2,000 images)', 'iris.csv' ... */
  name: string;
  source: DatasetSetup['kind'];
  task: 'classification' | 'regression';
  nTrain: number;
  nValid: number;
  nFeatures: number;
  nClasses: number | null;
  classNames: string[] | null;
  imageShape: [number, number, number] | null;
  /** 2-D data only: the training points, x0 y0 x1 y1 ... (for the decision-boundary view) */
  points: Float32Array | null;
  /** Their labels (class ids, or regression targets). */
  pointLabels: Float32Array | null;
}

/** What a CSV label column is taken as: 'auto' lets the parser decide (text, or few whole numbers: classes). */
export type CsvTask = 'classification' | 'regression' | 'auto';

/** One column of the user's CSV, for the label picker. */
export interface CsvColumnInfo {
  name: string;
  /** Every non-empty value is a number. */
  numeric: boolean;
  /** Distinct non-empty values (counted up to 1,001). */
  distinct: number;
  /** What 'auto' makes of it as the label. */
  suggestedTask: 'classification' | 'regression';
}

/** The CSV the worker holds as the user dataset: its columns and the label choice it was parsed with. */
export interface CsvColumns {
  file: string;
  columns: CsvColumnInfo[];
  label: string;
  task: CsvTask;
}

export interface LayerSummary {
  name: string;
  kind: string;
  /** e.g. [null, 14, 14, 8] */
  outputShape: (number | null)[];
  params: number;
}

export interface ModelSummary {
  layers: LayerSummary[];
  totalParams: number;
}

/** Predictions over a size x size grid spanning [lo, hi]^2, row-major from the top row (y = hi). */
export interface BoundaryGrid {
  size: number;
  lo: number;
  hi: number;
  /** Classification: the predicted class per cell. Regression: the prediction. */
  values: Float32Array;
  /** Classification: the probability of the predicted class per cell (0..1); null for regression. */
  confidence: Float32Array | null;
}

/** A validation batch of images with their labels and the model's predictions. */
export interface ImageBatch {
  epoch: number;
  h: number;
  w: number;
  /** n * h * w grey pixels, 0..255 (first channel). */
  pixels: Uint8Array;
  labels: number[];
  preds: number[];
}

export interface Confusion {
  epoch: number;
  nClasses: number;
  /** counts[true * nClasses + predicted], over the whole validation set. */
  counts: number[];
}

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

import type { SharePageToWorker, ShareWorkerToPage } from './share/messages';
import type { CallbackCatalogEntry, CallbackChoice, CallbackOutputs, LoopLineData, LrFindResultData, LrPoint, ParamValues, TimelineEntry } from './callbacks/messages';

// ---- page -> worker ----

export type PageToWorker =
  | { type: 'start'; setup: Setup }
  | { type: 'stop' }
  /** Pause at the end of the current batch / go on. */
  | { type: 'pause' }
  | { type: 'resume' }
  /** Tests only: destroys the WebGPU device, as a driver reset would (the page must keep working). */
  | { type: 'test:lose-device' }
  // -- callbacks panel (issue 4, src/worker/features/callbacks.ts) --
  /** Switch an optional callback on/off and set its parameters; applies between batches while training. */
  | { type: 'callback-set'; name: string; enabled: boolean; params: ParamValues }
  /** Run fastai's lr_find on a fresh Learner of this setup (refused while training). */
  | { type: 'lr-find'; setup: Setup; params: ParamValues }
  // -- setup (issue 3) --
  /** Prepare the setup's data (fetch MNIST, make the synthetic set) and describe it and the model. */
  | { type: 'describe'; setup: Setup }
  /** The user's file, read by the page; parsed here. `label`: the CSV label column (name), else the last one. */
  | { type: 'load-csv'; name: string; bytes: ArrayBuffer; label?: string; task?: CsvTask }
  /** Re-parse the CSV the worker holds with another label column / task (a failure keeps the current one). */
  | { type: 'csv-label'; label: string; task: CsvTask }
  | { type: 'load-idx'; name: string; images: ArrayBuffer; labels: ArrayBuffer }
  /** Switch the tfjs backend (refused while training). */
  | { type: 'set-backend'; name: BackendName }
  /** New random weights and a fresh optimizer, at the end of the current batch. */
  | { type: 'reset-weights' }
  // -- debugger (issue 5): breakpoints (kept between runs), commands to a paused loop, pause at the next event --
  | { type: 'debug:breakpoints'; breakpoints: DebugBreakpoint[] }
  | { type: 'debug:command'; command: DebugCommand }
  | { type: 'debug:pauseNow' }
  // -- share and export (issue 7, src/worker/features/model-export.ts) --
  | SharePageToWorker;

// ---- worker -> page ----

export type WorkerToPage =
  | { type: 'ready'; backend: BackendInfo; tfVersion: string }
  | { type: 'backend'; backend: BackendInfo }
  /** Coalesced: every record since the previous message (at most one message per ~16 ms). */
  /** firstAt: when the oldest record in it was read back in the worker (ms since the Unix epoch), for latency figures. */
  | { type: 'metrics'; batches: BatchRecord[]; epochs: EpochRecord[]; progress: Progress | null; firstAt?: number; outputs?: CallbackOutputs }
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
  // -- setup and pictures (issue 3) --
  /** The backends tfjs has registered here (for the picker). */
  | { type: 'backends'; available: BackendName[] }
  | { type: 'dataset'; info: DatasetInfo }
  | { type: 'model-summary'; summary: ModelSummary | null; problem?: string }
  /** A file or dataset could not be used: the parser's message; the previous dataset stays. */
  | { type: 'data-error'; message: string; file: string }
  /** After a CSV loaded or was re-labelled: its columns and label; null once the user data is not a CSV. */
  | { type: 'csv-columns'; csv: CsvColumns | null }
  | { type: 'loading'; what: string | null }
  | { type: 'boundary'; grid: BoundaryGrid }
  | { type: 'image-batch'; batch: ImageBatch }
  | { type: 'confusion'; confusion: Confusion }
  // -- debugger (issue 5): the loop stopped at an event / runs on --
  | { type: 'debug:paused'; pause: DebugPause }
  | { type: 'debug:resumed' }
  // -- share and export (issue 7) --
  | ShareWorkerToPage;

export type WorkerMessageType = WorkerToPage['type'];
