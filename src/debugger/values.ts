// The values a stop shows: for the batch, the prediction, the loss (and the loss of each sample), and
// per parameter its value, its gradient and its last update — the first rows of each and its stats
// (min, max, mean, std, zeros, NaN, Inf, a histogram). Everything is computed on the backend inside
// tf.tidy and read back in ONE asynchronous read; nothing stays allocated.
import * as tf from '@tensorflow/tfjs';
import { crossEntropyLoss, mseLoss, type EventName, type Learner } from '../learner';
import { torchName, type ModelNames } from '../models/torch-names';
import type { DebugStats, DebugValue } from '../shared/debug';

/** The staleness mark of gradients and updates read before this batch's backward / step. */
export const PREVIOUS_BATCH = 'the previous batch';

/** Events of a training batch at which `learn.grads` are this batch's (its backward has run). */
const GRADS_FRESH = new Set<EventName>([
  'after_backward',
  'before_step',
  'after_step',
  'after_cancel_step',
  'after_cancel_batch',
  'after_batch',
]);
/** Events of a training batch at which the pre-step values give this batch's update. */
const UPDATE_FRESH = new Set<EventName>(['after_step', 'after_cancel_step', 'after_cancel_batch', 'after_batch']);

export const HEAD_ROWS = 8;
export const HEAD_COLS = 8;
export const HIST_BINS = 20;
/** Above this many elements a tensor's stats come from a strided sample (`stats.size` is the sample's size). */
export const MAX_STATS_ELEMENTS = 1_000_000;
/** Without a cheap per-sample formula, the loss of each sample is computed with lossFunc on slices up to this many rows. */
export const MAX_SLICED_ROWS = 256;

export interface ValuesOptions {
  /** Parameter values before the step (the debugger keeps them from before_step to the next batch). */
  paramsBefore?: tf.Tensor[] | null;
  /** tfjs weight name → PyTorch name ("dense_Dense1/kernel" → "0.weight"), see src/models/torch-names.ts. */
  names?: ModelNames;
  /**
   * Whether the gradients / the update are from before this batch, when the caller knows better than
   * the event does (e.g. after_backward following after_cancel_backward). Default: from the event.
   */
  gradsStale?: boolean;
  updatesStale?: boolean;
  maxStatsElements?: number;
}

/** Whether the gradients held at `event` are from an earlier batch than the current one (or from no batch). */
export function gradsAreStale(event: EventName, training: boolean): boolean {
  return !(training && GRADS_FRESH.has(event));
}

/** Whether the update read at `event` is an earlier batch's; null: no update to show (before_step: the step has not run). */
export function updatesAreStale(event: EventName, training: boolean): boolean | null {
  if (event === 'before_step') return null;
  return !(training && UPDATE_FRESH.has(event));
}

interface Entry {
  name: string;
  tfName?: string;
  kind: DebugValue['kind'];
  shape: number[];
  staleFrom: string | null;
  /** The flattened float values the stats are taken over (sampled when large); owned by the tidy. */
  flat: tf.Tensor1D;
  /** The head sliced (sampled tensors), or null: then `headIdx` indexes `flat`. */
  head: tf.Tensor | null;
  headIdx: number[];
  rows: number;
  cols: number;
}

const live = (t: tf.Tensor | null | undefined): t is tf.Tensor => !!t && !t.isDisposed;
const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Reads the values of one stop (see the file comment). */
export async function readValues(learn: Learner, event: EventName, opts: ValuesOptions = {}): Promise<DebugValue[]> {
  const params = learn.params;
  const grads = learn.grads && learn.grads.length === params.length && learn.grads.every(live) ? learn.grads : null;
  const before =
    opts.paramsBefore && opts.paramsBefore.length === params.length && opts.paramsBefore.every(live) ? opts.paramsBefore : null;
  const gradsStale = opts.gradsStale ?? gradsAreStale(event, learn.training);
  const updatesStale = before ? (opts.updatesStale ?? updatesAreStale(event, learn.training)) : null;
  const maxElements = opts.maxStatsElements ?? MAX_STATS_ELEMENTS;
  const names = opts.names ?? {};

  let meta: Omit<Entry, 'flat' | 'head'>[] = [];
  let layout: Layout = { row: [], headAt: [], statsRows: 0 };
  const packed = tf.tidy(() => {
    const entries: Entry[] = [];
    const add = (e: Omit<Entry, 'flat' | 'head' | 'headIdx' | 'rows' | 'cols' | 'shape'>, t: tf.Tensor) =>
      entries.push({ ...e, ...prepare(t, maxElements) });
    const inputs = learn.xb.filter(live);
    inputs.forEach((x, i) => add({ name: inputs.length > 1 ? `xb[${i}]` : 'xb', kind: 'input', staleFrom: null }, x));
    const targets = learn.yb.filter(live);
    targets.forEach((y, i) => add({ name: targets.length > 1 ? `yb[${i}]` : 'yb', kind: 'target', staleFrom: null }, y));
    const pred = live(learn.pred) ? learn.pred : null;
    if (pred) add({ name: 'pred', kind: 'pred', staleFrom: null }, pred);
    if (live(learn.loss)) {
      add({ name: 'loss', kind: 'loss', staleFrom: null }, learn.loss);
      const perSample = pred ? lossPerSample(learn, pred, targets) : null;
      if (perSample) add({ name: 'loss per sample', kind: 'loss', staleFrom: null }, perSample);
    }
    params.forEach((p, i) => {
      const named = { name: torchName(names, p.name), tfName: p.name };
      add({ ...named, kind: 'param', staleFrom: null }, p);
      if (grads) add({ ...named, kind: 'grad', staleFrom: gradsStale ? PREVIOUS_BATCH : null }, grads[i]);
      if (before && updatesStale !== null)
        add({ ...named, kind: 'update', staleFrom: updatesStale ? PREVIOUS_BATCH : null }, p.sub(before[i]));
    });
    meta = entries.map(({ flat: _f, head: _h, ...m }) => m);
    if (!entries.length) return undefined;
    const [all, where] = pack(entries);
    layout = where;
    return all;
  });
  if (!packed) return [];
  let values: Float32Array;
  try {
    values = (await packed.data()) as Float32Array;
  } finally {
    packed.dispose();
  }
  return unpack(meta, layout, values);
}

/**
 * The flat float values for the stats (strided when above `max`) and the head: a 2-D view's first
 * rows and columns — as indices into `flat` when it is the whole tensor, else sliced.
 */
function prepare(t: tf.Tensor, max: number): Pick<Entry, 'shape' | 'flat' | 'head' | 'headIdx' | 'rows' | 'cols'> {
  const shape = [...t.shape];
  const n = sizeOf(shape);
  const all = t.toFloat().reshape([n]) as tf.Tensor1D;
  const stride = Math.ceil(n / max);
  const d0 = shape.length ? shape[0] : 1;
  const rest = d0 ? n / d0 : 0;
  const rows = rest ? Math.min(HEAD_ROWS, d0) : 0;
  const cols = rows ? Math.min(HEAD_COLS, rest) : 0;
  if (stride <= 1) {
    const headIdx = Array.from({ length: rows * cols }, (_, k) => Math.floor(k / cols) * rest + (k % cols));
    return { shape, flat: all, head: null, headIdx, rows, cols };
  }
  const flat = all.gather(tf.range(0, n, stride, 'int32')) as tf.Tensor1D;
  const head = all.reshape([d0, rest]).slice([0, 0], [rows, cols]).reshape([-1]);
  return { shape, flat, head, headIdx: [], rows, cols };
}

/**
 * The loss of each sample of the batch. Cross entropy: −log softmax(pred)[y] per row; MSE: the mean
 * squared error of each row; any other loss: lossFunc on each one-row slice, for batches up to
 * MAX_SLICED_ROWS rows (else none). Null when it cannot be had (no target, a loss that does not slice).
 */
function lossPerSample(learn: Learner, pred: tf.Tensor, yb: tf.Tensor[]): tf.Tensor | null {
  const y = yb[0];
  if (!y || pred.shape.length === 0 || y.shape[0] !== pred.shape[0]) return null;
  const bs = pred.shape[0];
  if (learn.lossFunc === crossEntropyLoss && pred.shape.length === 2 && yb.length === 1) {
    const c = pred.shape[1];
    return tf
      .logSoftmax(pred)
      .mul(tf.oneHot(y.toInt().reshape([bs]), c))
      .sum(-1)
      .neg();
  }
  if (learn.lossFunc === mseLoss && yb.length === 1) {
    const d = pred.sub(y.reshape(pred.shape)).square();
    return pred.shape.length > 1 ? d.reshape([bs, -1]).mean(1) : d;
  }
  if (bs > MAX_SLICED_ROWS) return null;
  try {
    const slice = (t: tf.Tensor, i: number) => t.slice([i], [1]);
    return tf.stack(Array.from({ length: bs }, (_, i) => learn.lossFunc(slice(pred, i), ...yb.map((t) => slice(t, i))).reshape([])));
  } catch {
    return null;
  }
}

/** Per value: [finite count, min, max, mean, std, zeros, NaN, Inf]. */
const STATS_WIDTH = 8;

/** Where each entry's numbers are in the one read: its stats / histogram row and its head. */
interface Layout {
  row: number[];
  headAt: number[];
  statsRows: number;
}

/**
 * Everything in one 1-D tensor, in a few kernels: the values are concatenated once; similar lengths
 * are gathered into one [g, L] matrix (padding at most about doubles the work) whose rows every stat
 * reduces; the heads are gathered from the same concatenation. Layout: the stats rows (8 each),
 * the histograms (HIST_BINS each), in `row` order, then the heads.
 */
function pack(entries: Entry[]): [tf.Tensor1D, Layout] {
  const lens = entries.map((e) => e.flat.shape[0]);
  const offsets: number[] = [];
  let total = 0;
  for (const len of lens) {
    offsets.push(total);
    total += len;
  }
  const all = tf.concat([...entries.map((e) => e.flat), tf.zeros([1])]); // the last element: padding
  const order = entries.map((_, i) => i).sort((a, b) => lens[b] - lens[a]);
  const groups: number[][] = [];
  for (let k = 0; k < order.length;) {
    const width = Math.max(1, lens[order[k]]);
    const group = [order[k++]];
    let sum = width;
    while (k < order.length && (group.length + 1) * width <= Math.max(2 * (sum + lens[order[k]]), 1 << 14)) {
      sum += lens[order[k]];
      group.push(order[k++]);
    }
    groups.push(group);
  }
  const row: number[] = new Array(entries.length);
  const stats: tf.Tensor[] = [];
  const hists: tf.Tensor[] = [];
  let r = 0;
  for (const group of groups) {
    const width = Math.max(1, ...group.map((i) => lens[i]));
    const idx = new Int32Array(group.length * width).fill(total);
    const valid = new Uint8Array(group.length * width);
    group.forEach((i, j) => {
      row[i] = r++;
      for (let c = 0; c < lens[i]; c++) idx[j * width + c] = offsets[i] + c;
      valid.fill(1, j * width, j * width + lens[i]);
    });
    const m = all.gather(tf.tensor1d(idx, 'int32')).reshape([group.length, width]) as tf.Tensor2D;
    const [s, h] = groupStats(m, tf.tensor2d(valid, [group.length, width], 'bool'));
    stats.push(s);
    hists.push(h);
  }
  const headAt: number[] = new Array(entries.length);
  const headIdx: number[] = [];
  let at = r * (STATS_WIDTH + HIST_BINS);
  entries.forEach((e, i) => {
    if (e.head) return;
    headAt[i] = at;
    at += e.headIdx.length;
    headIdx.push(...e.headIdx.map((k) => offsets[i] + k));
  });
  const sliced: tf.Tensor[] = [];
  entries.forEach((e, i) => {
    if (!e.head) return;
    headAt[i] = at;
    at += e.head.size;
    sliced.push(e.head);
  });
  const parts = [tf.concat(stats).reshape([-1]), tf.concat(hists).reshape([-1]), all.gather(tf.tensor1d(headIdx, 'int32')), ...sliced];
  return [tf.concat(parts) as tf.Tensor1D, { row, headAt, statsRows: r }];
}

function groupStats(m: tf.Tensor2D, valid: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  const g = m.shape[0];
  const nan = m.isNaN().logicalAnd(valid);
  const inf = m.isInf().logicalAnd(valid);
  const finite = valid.logicalAnd(nan.logicalOr(inf).logicalNot());
  const count = finite.sum(1, true).toFloat();
  const zero = tf.zerosLike(m);
  const x = tf.where(finite, m, zero);
  const mean = x.sum(1, true).div(count.maximum(1));
  const sq = tf.where(finite, m.sub(mean).square(), zero).sum(1, true);
  const std = sq.div(count.sub(1).maximum(1)).sqrt(); // unbiased, as torch.std
  const min = tf.where(finite, m, tf.fill(m.shape, Infinity)).min(1, true);
  const max = tf.where(finite, m, tf.fill(m.shape, -Infinity)).max(1, true);
  const zeros = m.equal(0).logicalAnd(valid).sum(1, true).toFloat();
  const stats = tf.concat([count, min, max, mean, std, zeros, nan.sum(1, true).toFloat(), inf.sum(1, true).toFloat()], 1) as tf.Tensor2D;

  // Histogram: HIST_BINS equal bins over [min, max] (max in the last bin).
  const range = max.sub(min);
  const scale = tf.where(range.greater(0), tf.div(HIST_BINS, range.maximum(1e-30)), tf.zerosLike(range));
  const bin = tf
    .where(
      finite,
      m
        .sub(min)
        .mul(scale)
        .floor()
        .clipByValue(0, HIST_BINS - 1),
      zero,
    )
    .toInt();
  // Each bin's count from how many values fall below its upper edge: one comparison per bin
  // (tfjs-webgpu's bincount miscounts here: its sums came back as garbage on SwiftShader).
  const below = Array.from({ length: HIST_BINS }, (_, k) =>
    bin
      .less(k + 1)
      .logicalAnd(finite)
      .sum(1, true)
      .toFloat(),
  );
  const cum = tf.concat(below, 1);
  const counts = cum.sub(tf.concat([tf.zeros([g, 1]), cum.slice([0, 0], [g, HIST_BINS - 1])], 1));
  return [stats, counts as tf.Tensor2D];
}

function unpack(meta: Omit<Entry, 'flat' | 'head'>[], layout: Layout, v: Float32Array): DebugValue[] {
  const histAt = layout.statsRows * STATS_WIDTH;
  return meta.map((e, i) => {
    const r = layout.row[i];
    const [count, min, max, mean, std, zeros, nan, inf] = Array.from(v.subarray(r * STATS_WIDTH, (r + 1) * STATS_WIDTH));
    const size = count + nan + inf;
    const any = count > 0;
    const stats: DebugStats = {
      size,
      min: any ? min : NaN,
      max: any ? max : NaN,
      mean: any ? mean : NaN,
      std: any ? std : NaN,
      zeros: size ? zeros / size : 0,
      nan,
      inf,
      hist: { lo: any ? min : 0, hi: any ? max : 0, counts: Array.from(v.subarray(histAt + r * HIST_BINS, histAt + (r + 1) * HIST_BINS)) },
    };
    const at = layout.headAt[i];
    const head = { rows: e.rows, cols: e.cols, values: Array.from(v.subarray(at, at + e.rows * e.cols)) };
    const value: DebugValue = { name: e.name, kind: e.kind, shape: e.shape, head, stats, staleFrom: e.staleFrom };
    if (e.tfName !== undefined) value.tfName = e.tfName;
    return value;
  });
}
