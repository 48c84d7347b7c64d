// What optional callbacks produce during a run (CSVLogger's file, ActivationStats' records,
// GradientClip's per-epoch stats), as plain data: the engine's callbacks make it, the StreamCallback
// carries it, the page shows it.

/** CSVLogger's file so far (fastai's columns: epoch, train_loss, valid_loss, metrics…, time). */
export interface CsvHistoryData {
  fname: string;
  text: string;
  /** Data rows (header lines not counted). */
  rows: number;
}

/** One sampled training batch of ActivationStats: per layer, in the order of `ActivationChunk.layers`. */
export interface ActivationRecordData {
  trainIter: number;
  mean: number[];
  std: number[];
  /** Share of activations ≤ 0.05 (fastai's near_zero). */
  nearZero: number[];
  /** Per layer, the counts of |activation| in `bins` equal bins of [0, histMax]. */
  hist: number[][];
}

/** Records of one ActivationStats instance read back since the last chunk; a new `key` starts afresh. */
export interface ActivationChunk {
  key: string;
  layers: string[];
  bins: number;
  histMax: number;
  /** The callback's maxRecords: the page keeps at most this many. */
  limit: number;
  records: ActivationRecordData[];
}

/** GradientClip over the training batches of one epoch that reached the clip (the global L2 norm of all gradients). */
export interface GradClipEpochData {
  epoch: number;
  /** Batches whose gradients went through the clip. */
  batches: number;
  /** Of those, the ones scaled down (norm above maxNorm). */
  clipped: number;
  meanNorm: number;
  maxNorm: number;
  /** The norm the step used: min(norm, ≈maxNorm). */
  meanNormAfter: number;
  maxNormAfter: number;
}

/** GradientClip's epochs read back since the last chunk; a new `key` (a new instance) starts afresh. */
export interface GradClipChunk {
  key: string;
  /** The callback's maxNorm. */
  limit: number;
  epochs: GradClipEpochData[];
}

/** Values user callbacks logged with `this.log(name, value)` since the last chunk: per series, x = training batches done. */
export interface UserLogChunk {
  /** A new key (a new fit) starts the series afresh. */
  key: string;
  series: Record<string, { x: number[]; y: number[] }>;
}

/** What optional callbacks produced, riding on the 'metrics' messages (never a message per batch). */
export interface CallbackOutputs {
  csv?: CsvHistoryData;
  activations?: ActivationChunk;
  gradClip?: GradClipChunk;
  userLog?: UserLogChunk;
}
