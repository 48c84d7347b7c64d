// What the page draws besides the curves, computed on the device and read back asynchronously:
// - 2-D data: the model's predictions over a grid (the decision boundary), every few batches,
//   never more than one read in flight, so training never waits for it;
// - image data: the first validation batch with labels and predictions, and the confusion
//   matrix of the whole validation set, after each epoch.
import * as tf from '@tensorflow/tfjs';
import { Callback } from '../../../learner';
import type { BoundaryGrid } from '../messages';
import type { WorkerToPage } from '../../messages';

export interface PicturesOptions {
  task: 'classification' | 'regression';
  nClasses: number;
  /** 2-D data: the square [lo, hi]^2 the grid spans; null for other data. */
  extent: { lo: number; hi: number } | null;
  images: boolean;
  /** The user asked the run to stop: the final map is skipped (the last epoch's stays). */
  stopping?: () => boolean;
  /** Cells per side of the grid. */
  gridSize?: number;
  /** Least time between two grids (ms). */
  boundaryEveryMs?: number;
  now?: () => number;
}

/** Cells per side of the decision-boundary grid. */
export const GRID_SIZE = 40;

/** Images shown from the first validation batch. */
export const GRID_IMAGES = 32;

export class PicturesCallback extends Callback {
  override order = 70;
  private grid: tf.Tensor | null = null;
  private reading = false;
  private lastBoundary = -Infinity;
  private validPreds: tf.Tensor[] = [];
  private validLabels: tf.Tensor[] = [];
  private sample: { x: tf.Tensor; pred: tf.Tensor; y: tf.Tensor } | null = null;
  private readonly size: number;
  private readonly now: () => number;

  constructor(
    private readonly send: (msg: WorkerToPage) => void,
    private readonly opts: PicturesOptions,
  ) {
    super();
    this.size = opts.gridSize ?? GRID_SIZE;
    this.now = opts.now ?? (() => performance.now());
  }

  private drawBoundaryInBackground(): void {
    this.sendBoundary().catch((err: unknown) =>
      this.send({ type: 'error', message: `Decision boundary: ${String(err)}`, where: 'training' }),
    );
  }

  after_batch(): void {
    const learn = this.learn;
    if (!learn?.pred) return;
    if (learn.training) {
      // the first map waits for the first loss to be read: queued before it, its grid (and its
      // shaders) held the first point of the loss curve up by seconds on SwiftShader
      const lossShown = !learn.recorder || learn.recorder.rawLosses.length > 0;
      if (this.opts.extent && lossShown && this.now() - this.lastBoundary >= (this.opts.boundaryEveryMs ?? 500)) {
        this.drawBoundaryInBackground();
      }
      return;
    }
    if (!this.opts.images || this.opts.task !== 'classification') return;
    const pred = learn.pred;
    const y = learn.yb[0];
    this.validPreds.push(tf.tidy(() => tf.argMax(pred, 1).toInt()));
    this.validLabels.push(y.clone());
    if (!this.sample) {
      const n = Math.min(GRID_IMAGES, pred.shape[0]);
      const x = learn.xb[0];
      this.sample = tf.tidy(() => ({
        x: x.slice([0, 0, 0, 0], [n, -1, -1, 1]).mul(255).round().clipByValue(0, 255).toInt(),
        pred: tf.argMax(pred.slice([0, 0], [n, -1]), 1).toInt(),
        y: y.slice([0], [n]),
      }));
    }
  }

  async after_validate(): Promise<void> {
    const learn = this.learn;
    if (!learn || !this.validPreds.length) return;
    const c = this.opts.nClasses;
    const preds = this.validPreds;
    const labels = this.validLabels;
    const sample = this.sample;
    this.validPreds = [];
    this.validLabels = [];
    this.sample = null;
    const both = tf.tidy(() => tf.concat(labels).toInt().mul(c).add(tf.concat(preds)));
    tf.dispose([...preds, ...labels]);
    try {
      const [cells, x, p, y] = await Promise.all([both.data(), sample?.x.data(), sample?.pred.data(), sample?.y.data()]);
      const counts = new Array<number>(c * c).fill(0);
      for (const v of cells) counts[v]++;
      const epoch = learn.epoch;
      this.send({ type: 'confusion', confusion: { epoch, nClasses: c, counts } });
      if (sample && x && p && y) {
        const [, h, w] = sample.x.shape;
        this.send({ type: 'image-batch', batch: { epoch, h, w, pixels: Uint8Array.from(x), labels: Array.from(y), preds: Array.from(p) } });
      }
    } finally {
      both.dispose();
      if (sample) tf.dispose([sample.x, sample.pred, sample.y]);
    }
  }

  async after_fit(): Promise<void> {
    // A stopped run keeps the map of its last epoch: a final one would hold the stop up by a grid
    // prediction and its read (most of a second on a CPU-emulated GPU).
    if (this.opts.extent && !this.opts.stopping?.()) await this.sendBoundary(true);
    this.dispose();
  }

  override dispose(): void {
    this.grid?.dispose();
    this.grid = null;
    tf.dispose([...this.validPreds, ...this.validLabels]);
    this.validPreds = [];
    this.validLabels = [];
    if (this.sample) tf.dispose([this.sample.x, this.sample.pred, this.sample.y]);
    this.sample = null;
  }

  /** Predicts the grid and sends it when the read is back (skipped while a read is in flight, unless `force`). */
  private async sendBoundary(force = false): Promise<void> {
    const learn = this.learn;
    const extent = this.opts.extent;
    if (!learn || !extent || (this.reading && !force)) return;
    this.lastBoundary = this.now();
    this.grid ??= gridPoints(this.size, extent.lo, extent.hi);
    const grid = this.grid;
    const out = boundaryOf(learn.model, grid, this.opts.task === 'classification');
    this.reading = true;
    try {
      const [values, confidence] = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
      const msg: BoundaryGrid = { size: this.size, lo: extent.lo, hi: extent.hi, values, confidence: confidence ?? null };
      this.send({ type: 'boundary', grid: msg });
    } finally {
      tf.dispose(out);
      this.reading = false;
    }
  }
}

/** Each grid cell's class and confidence (or regression value), still on the device. */
export function boundaryOf(model: tf.LayersModel, grid: tf.Tensor, classification: boolean): tf.Tensor[] {
  return tf.tidy(() => {
    // one pass over the whole grid: predict() would cut it into batches of 32, ten times the dispatches
    const pred = model.apply(grid, { training: false }) as tf.Tensor;
    if (!classification) return [pred.reshape([-1])];
    const prob = tf.softmax(pred);
    return [tf.argMax(prob, 1).toFloat(), tf.max(prob, 1)];
  });
}

/** Cell centres of a size x size grid over [lo, hi]^2, row-major from the top row (y = hi). */
export function gridPoints(size: number, lo: number, hi: number): tf.Tensor2D {
  const xy = new Float32Array(size * size * 2);
  const step = (hi - lo) / size;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = 2 * (r * size + c);
      xy[i] = lo + (c + 0.5) * step;
      xy[i + 1] = hi - (r + 0.5) * step;
    }
  }
  return tf.tensor2d(xy, [size * size, 2]);
}

/** A square around every point, with a margin: [lo, hi]^2. */
export function extentOf(x: Float32Array): { lo: number; hi: number } {
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  const r = Math.ceil((m * 1.1 || 1) * 10) / 10;
  return { lo: -r, hi: r };
}
