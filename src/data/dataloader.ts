// A DataLoader over row-major typed arrays: iterable, one [xb, yb] pair of tensors
// per batch, seeded shuffling per epoch. xb is [bs, nFeatures], or [bs, h, w, c] when
// the data has an imageShape; yb is [bs] int32 class ids, or [bs, k] float32 targets
// (k = 1 for a single regression target: the shape of the model's output). It owns
// its batches: each one is disposed when the next is asked for, and the last one in
// the generator's `finally`, so a `break` or a throw inside the consumer's loop
// leaks nothing.
import * as tf from '@tensorflow/tfjs';
import type { ImageShape } from './dataset';
import { mulberry32, permutation } from './random';

export interface ArrayData {
  /** Row-major features: n * nFeatures. */
  x: Float32Array;
  /** n labels (int32 class ids) or n * k float targets. */
  y: Int32Array | Float32Array;
  nFeatures: number;
  /** [h, w, c] with h * w * c = nFeatures: batches of images, channels last. */
  imageShape?: ImageShape;
}

export interface DataLoaderOptions {
  batchSize: number;
  shuffle?: boolean;
  /** Shuffle seed; epoch e uses a seed derived from (seed, e). */
  seed?: number;
  /** Drop the last incomplete batch. */
  dropLast?: boolean;
}

export class DataLoader implements Iterable<tf.Tensor[]> {
  readonly n: number;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly dropLast: boolean;
  /** Iterations started so far; the next one uses this as its epoch number. */
  epoch = 0;
  private readonly ySize: number;

  constructor(
    readonly data: ArrayData,
    opts: DataLoaderOptions,
  ) {
    this.n = data.x.length / data.nFeatures;
    if (!Number.isInteger(this.n)) throw new Error(`x has ${data.x.length} values, not a multiple of nFeatures=${data.nFeatures}`);
    if (this.n === 0 || data.y.length % this.n !== 0) throw new Error(`y has ${data.y.length} values for ${this.n} samples`);
    if (!(opts.batchSize >= 1)) throw new Error(`batchSize must be >= 1, got ${opts.batchSize}`);
    const img = data.imageShape;
    if (img && img[0] * img[1] * img[2] !== data.nFeatures) {
      throw new Error(`imageShape [${img.join(', ')}] does not hold nFeatures=${data.nFeatures} values`);
    }
    this.ySize = data.y.length / this.n;
    this.batchSize = opts.batchSize;
    this.shuffle = opts.shuffle ?? false;
    this.seed = opts.seed ?? 0;
    this.dropLast = opts.dropLast ?? false;
  }

  /** Number of batches per epoch. */
  get length(): number {
    return this.dropLast ? Math.floor(this.n / this.batchSize) : Math.ceil(this.n / this.batchSize);
  }

  /** The sample order of one epoch (identity when not shuffling). */
  order(epoch: number): Int32Array {
    if (!this.shuffle) return Int32Array.from({ length: this.n }, (_, i) => i);
    return permutation(this.n, mulberry32((this.seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0));
  }

  *[Symbol.iterator](): Generator<tf.Tensor[], void, undefined> {
    const order = this.order(this.epoch++);
    let current: tf.Tensor[] | null = null;
    try {
      for (let b = 0; b < this.length; b++) {
        if (current) tf.dispose(current);
        current = null;
        current = this.batch(order.subarray(b * this.batchSize, (b + 1) * this.batchSize));
        yield current;
      }
    } finally {
      if (current) tf.dispose(current);
    }
  }

  /** Fresh tensors for the rows `idx` (fresh arrays: a backend may keep them). */
  private batch(idx: Int32Array): tf.Tensor[] {
    const { x, y, nFeatures: f } = this.data;
    const k = this.ySize;
    const bs = idx.length;
    const xb = new Float32Array(bs * f);
    const yb = y instanceof Int32Array ? new Int32Array(bs * k) : new Float32Array(bs * k);
    for (let i = 0; i < bs; i++) {
      const j = idx[i];
      xb.set(x.subarray(j * f, (j + 1) * f), i * f);
      yb.set(y.subarray(j * k, (j + 1) * k), i * k);
    }
    const img = this.data.imageShape;
    const xShape = img ? [bs, img[0], img[1], img[2]] : [bs, f];
    const ints = y instanceof Int32Array;
    const yShape = ints && k === 1 ? [bs] : [bs, k];
    return [tf.tensor(xb, xShape, 'float32'), tf.tensor(yb, yShape, ints ? 'int32' : 'float32')];
  }
}
