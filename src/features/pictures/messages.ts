// What the worker draws of a run: the decision boundary of 2-D data, a validation batch of images
// and the confusion matrix. Plain data only.

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

export type PicturesWorkerToPage =
  { type: 'boundary'; grid: BoundaryGrid } | { type: 'image-batch'; batch: ImageBatch } | { type: 'confusion'; confusion: Confusion };
