import * as tf from '@tensorflow/tfjs';
import type { EventName, Learner } from '../learner';
import type { ModelNames } from '../models/torch-names';
import { gradsAreStale, readValues, updatesAreStale } from './values';

// The snapshot's plain-data shapes are the protocol's (the page receives them as they are).
import type {
  DebugNamedNorm as NamedNorm,
  DebugPreview as BatchPreview,
  DebugSnapshot as LoopSnapshot,
  DebugTensor as TensorSummary,
} from '../shared/debug';

export type { BatchPreview, LoopSnapshot, NamedNorm, TensorSummary };

const summary = (t: tf.Tensor): TensorSummary => ({ shape: [...t.shape], dtype: t.dtype });
const live = (t: tf.Tensor | null | undefined): t is tf.Tensor => !!t && !t.isDisposed;

async function norms(names: string[], tensors: tf.Tensor[]): Promise<NamedNorm[]> {
  if (!tensors.length) return [];
  const stacked = tf.tidy(() => tf.stack(tensors.map((t) => t.norm())));
  const values = await stacked.data();
  stacked.dispose();
  return names.map((name, i) => ({ name, norm: values[i] }));
}

async function preview(learn: Learner, maxRows: number, maxValues: number): Promise<BatchPreview | null> {
  const x = learn.xb[0];
  if (!live(x) || x.shape.length === 0) return null;
  const rowShape = x.shape.slice(1);
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  const n = Math.max(1, Math.min(x.shape[0], maxRows, Math.floor(maxValues / Math.max(rowSize, 1))));
  const y = learn.yb[0];
  const pred = learn.pred;
  const [inputs, labels, predictions] = await Promise.all([
    readRows(x, n),
    live(y) ? readRows(y, n) : null,
    live(pred) ? readPredictions(pred, n) : null,
  ]);
  return { inputs, rowShape, n, labels, predictions };
}

async function readRows(t: tf.Tensor, n: number): Promise<number[]> {
  const rows = tf.tidy(() => t.slice(0, n).toFloat());
  const values = await rows.data();
  rows.dispose();
  return Array.from(values);
}

async function readPredictions(pred: tf.Tensor, n: number): Promise<number[]> {
  const classes = pred.shape[pred.shape.length - 1] ?? 1;
  const picked = tf.tidy(() => {
    const rows = pred.slice(0, n);
    return pred.shape.length > 1 && classes > 1 ? rows.argMax(-1).toFloat() : rows.reshape([-1]).toFloat();
  });
  const values = await picked.data();
  picked.dispose();
  return Array.from(values);
}

export interface SnapshotOptions {
  /** Parameter values before the step, for the update norms at after_step. */
  paramsBefore?: tf.Tensor[] | null;
  maxPreviewRows?: number;
  maxPreviewValues?: number;
  /** tfjs weight name → PyTorch name, for `values` (the worker has them: setup's `modelNames`). */
  names?: ModelNames;
  /** This batch's backward was cancelled: the gradients at its after_backward are not this batch's. */
  backwardCancelled?: boolean;
}

/** Reads what a person needs to see at one stop, asynchronously; called only while paused. */
export async function takeSnapshot(learn: Learner, event: EventName, opts: SnapshotOptions = {}): Promise<LoopSnapshot> {
  const params = learn.params;
  const names = params.map((p) => p.name);
  // Norms of an earlier batch's gradients (accumulated ones at before_batch … before_backward) or of
  // an earlier step (after_train …) would read as this batch's: left out (`values` marks them instead).
  const gradsStale = opts.backwardCancelled || gradsAreStale(event, learn.training);
  const grads = learn.grads?.every(live) && !gradsStale ? learn.grads : null;
  const before = opts.paramsBefore?.every(live) && updatesAreStale(event, learn.training) === false ? opts.paramsBefore : null;
  const diffs = before ? tf.tidy(() => params.map((p, i) => p.sub(before[i]))) : null;
  const [loss, gradNorms, paramNorms, updateNorms, batchPreview, values] = await Promise.all([
    live(learn.loss) ? learn.loss.data().then((v) => v[0]) : null,
    grads ? norms(names, grads) : null,
    norms(names, params),
    diffs ? norms(names, diffs) : null,
    preview(learn, opts.maxPreviewRows ?? 64, opts.maxPreviewValues ?? 16 * 784),
    readValues(learn, event, { paramsBefore: opts.paramsBefore, names: opts.names, gradsStale }),
  ]);
  if (diffs) tf.dispose(diffs);
  return {
    event,
    epoch: learn.epoch,
    nEpoch: learn.nEpoch,
    iter: learn.iter,
    nIter: learn.nIter,
    trainIter: learn.trainIter,
    pctTrain: learn.pctTrain,
    training: learn.training,
    hypers: learn.opt ? { ...learn.opt.hypers } : null,
    xb: learn.xb.filter(live).map(summary),
    yb: learn.yb.filter(live).map(summary),
    pred: live(learn.pred) ? summary(learn.pred) : null,
    loss,
    gradNorms,
    paramNorms,
    updateNorms,
    preview: batchPreview,
    values,
  };
}
