/** fastai's `ActivationStats` (order -20): per-layer mean, std, near-zero share and miniai's "color_dim" histogram of activations, per training batch. */
import * as tf from '@tensorflow/tfjs';
import { Callback } from '../learner';
import { activationSummary, buildProbe, summaryLength, type HistSpec, type Probe } from './activation-probe';

export interface ActivationStatsOptions {
  /** Sample one training batch in `every` (fastai's `every`; 1 = all). */
  every?: number;
  /** Read the sampled statistics back after this many samples (one async read, at most one in flight). */
  readEvery?: number;
  /** Histogram of |activation|: miniai's 40 bins over [0, 10]. */
  bins?: number;
  histRange?: readonly [number, number];
  /** Keep at most this many sampled batches (the oldest are dropped). */
  maxRecords?: number;
  /** Observe every layer, not only those with weights. */
  allLayers?: boolean;
}

export interface LayerStat {
  mean: number;
  std: number;
  /** Share of activations ≤ 0.05 (fastai's near_zero). */
  nearZero: number;
  /** Counts of |activation| per bin. */
  hist: Float32Array;
}

export interface ActivationRecord {
  trainIter: number;
  layers: LayerStat[];
}

/**
 * After each sampled training prediction (after_pred: the batch as mixed by any callback, the
 * weights before the step), runs the layers' activations through `activationSummary` on the device
 * and queues the small [layers, 3 + bins] result; every `readEvery` samples the queue is read with
 * one `await data()`. Memory is bounded: at most `readEvery` small tensors on the device, at most
 * `maxRecords` records here. How the activations are obtained is explained in `buildProbe`.
 */
export class ActivationStats extends Callback {
  override order = -20;
  override runValid = false;
  readonly every: number;
  readonly readEvery: number;
  readonly maxRecords: number;
  readonly spec: HistSpec;
  readonly allLayers: boolean;
  records: ActivationRecord[] = [];
  layerNames: string[] = [];
  private probe: Probe | null = null;
  private pending: Array<{ trainIter: number; stats: tf.Tensor }> = [];
  private inflight: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(records: ActivationRecord[]) => void>();

  constructor({
    every = 1,
    readEvery = 8,
    bins = 40,
    histRange = [0, 10],
    maxRecords = 2000,
    allLayers = false,
  }: ActivationStatsOptions = {}) {
    super();
    this.every = Math.max(1, Math.floor(every));
    this.readEvery = Math.max(1, Math.floor(readEvery));
    this.maxRecords = maxRecords;
    this.spec = { bins, lo: histRange[0], hi: histRange[1] };
    this.allLayers = allLayers;
  }

  /** Called with each group of records as they are read back; returns the unsubscribe function. */
  subscribe(listener: (records: ActivationRecord[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  before_fit(): void {
    this.dispose();
    this.records = [];
    this.inflight = Promise.resolve();
    this.probe = buildProbe(this.learn!.model, this.allLayers);
    this.layerNames = this.probe.names;
  }

  async after_pred(): Promise<void> {
    const learn = this.learn!;
    if (!learn.training || learn.trainIter % this.every !== 0) return;
    this.probe ??= buildProbe(learn.model, this.allLayers); // added mid-fit
    this.layerNames = this.probe.names;
    const probe = this.probe;
    const stats = tf.tidy(() => {
      const acts = probe.run(learn.xb.length === 1 ? learn.xb[0] : learn.xb, true);
      const rows = acts.map((a) => activationSummary(a, this.spec));
      return rows.length ? tf.stack(rows) : tf.zeros([0, summaryLength(this.spec)]);
    });
    this.pending.push({ trainIter: learn.trainIter, stats });
    if (this.pending.length >= this.readEvery) {
      const previous = this.inflight;
      this.readPending();
      await previous; // at most one read in flight behind the one just started
    }
  }

  after_train(): void {
    this.readPending();
  }

  async after_fit(): Promise<void> {
    await this.flush();
  }

  /** Resolves once every sampled batch so far has been read back. */
  async flush(): Promise<void> {
    this.readPending();
    await this.inflight;
  }

  override dispose(): void {
    tf.dispose(this.pending.map((p) => p.stats));
    this.pending = [];
  }

  /** fastai's `layer_stats(idx)`: the mean, std and near-zero series of one layer. */
  layerStats(layer: number): { mean: number[]; std: number[]; nearZero: number[] } {
    const ls = this.records.map((r) => r.layers[layer]);
    return { mean: ls.map((l) => l.mean), std: ls.map((l) => l.std), nearZero: ls.map((l) => l.nearZero) };
  }

  /** miniai's `get_hist` / fastai's `hist(idx)`: log(1 + count), one row per bin (low to high), one column per sampled batch. */
  colorDim(layer: number): number[][] {
    const hists = this.records.map((r) => r.layers[layer].hist);
    return Array.from({ length: this.spec.bins }, (_, b) => hists.map((h) => Math.log1p(h[b])));
  }

  /** miniai's `get_min`: per sampled batch, the share of counted activations in the lowest bin. */
  deadFraction(layer: number): number[] {
    return this.records.map((r) => {
      const h = r.layers[layer].hist;
      const total = h.reduce((s, v) => s + v, 0);
      return total ? h[0] / total : 0;
    });
  }

  private readPending(): void {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    const packed = tf.tidy(() => tf.concat(batch.map((p) => p.stats.reshape([-1]))));
    tf.dispose(batch.map((p) => p.stats));
    const read = packed.data().finally(() => packed.dispose());
    this.inflight = Promise.all([this.inflight, read]).then(([, values]) => this.record(batch, values as Float32Array));
    this.inflight.catch(() => undefined); // surfaces where inflight is awaited
  }

  private record(batch: Array<{ trainIter: number; stats: tf.Tensor }>, values: Float32Array): void {
    const width = summaryLength(this.spec);
    const nLayers = this.layerNames.length;
    const records = batch.map(({ trainIter }, k) => {
      const layers = Array.from({ length: nLayers }, (_, l) => {
        const at = (k * nLayers + l) * width;
        return { mean: values[at], std: values[at + 1], nearZero: values[at + 2], hist: values.slice(at + 3, at + width) };
      });
      return { trainIter, layers };
    });
    this.records.push(...records);
    if (this.records.length > this.maxRecords) this.records.splice(0, this.records.length - this.maxRecords);
    this.listeners.forEach((l) => l(records));
  }
}
