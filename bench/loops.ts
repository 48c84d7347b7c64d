// The loops being compared. Each trains `steps` batches and returns when the last loss has been
// read back (so all GPU work is done); each reads the loss the same way: stacked, every `readEvery`.
import * as tf from '@tensorflow/tfjs';
import { Adam, Learner, crossEntropyLoss, type OptFunc } from '../src/learner';
import { StreamCallback } from '../src/callbacks/stream';
import type { Workload } from './workloads';

export interface LoopResult {
  steps: number;
  ms: number;
}

export interface LoopOptions {
  steps: number;
  lr: number;
  readEvery: number;
  /** The Learner's optimizer; the default is fastai's Adam with its flat update. */
  optFunc?: OptFunc;
}

const cycle = <T>(items: T[], n: number): T[] => Array.from({ length: n }, (_, i) => items[i % items.length]);

/** What a careful person writes by hand: one taped pass, the same optimizer, batched async loss reads. */
export async function bareLoop(w: Workload, model: tf.LayersModel, o: LoopOptions): Promise<LoopResult> {
  const params = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const opt = Adam(params, { lr: o.lr });
  let pending: tf.Tensor[] = [];
  let inflight: Promise<unknown> = Promise.resolve();
  const read = async () => {
    const stacked = tf.stack(pending);
    tf.dispose(pending);
    pending = [];
    const previous = inflight;
    inflight = stacked.data().finally(() => stacked.dispose());
    await previous;
  };
  const start = performance.now();
  for (const [x, y] of cycle(w.batches, o.steps)) {
    const { value, grads } = tf.variableGrads(() => crossEntropyLoss(model.apply(x, { training: true }) as tf.Tensor, y), params);
    opt.step(params.map((p) => grads[p.name]));
    tf.dispose(Object.values(grads));
    pending.push(value);
    if (pending.length >= o.readEvery) await read();
  }
  if (pending.length) await read();
  await inflight;
  const ms = performance.now() - start;
  opt.dispose();
  return { steps: o.steps, ms };
}

/** The Learner with its default callbacks and the page's streaming callback (posting into a structured clone). */
export async function learnerLoop(
  w: Workload,
  model: tf.LayersModel,
  o: LoopOptions,
  extra: (learn: Learner) => void = () => {},
): Promise<LoopResult> {
  const stream = new StreamCallback((msg) => void structuredClone(msg), { yieldToHost: () => Promise.resolve() });
  const learn = new Learner({ train: cycle(w.batches, o.steps), valid: [] }, model, {
    lossFunc: crossEntropyLoss,
    optFunc: o.optFunc ?? Adam,
    lr: o.lr,
    cbs: [stream],
  });
  learn.recorder!.readEvery = o.readEvery;
  learn.recorder!.readEveryMs = Number.POSITIVE_INFINITY;
  extra(learn);
  const start = performance.now();
  await learn.fit(1);
  const ms = performance.now() - start;
  learn.opt?.dispose();
  return { steps: o.steps, ms };
}

/** What a tfjs user writes: model.fit with an onBatchEnd that reports the loss. */
export async function modelFitLoop(w: Workload, model: tf.LayersModel, o: LoopOptions): Promise<LoopResult> {
  // Same loss as the Learner's (softmax cross entropy on logits), on one-hot targets as tfjs wants them.
  model.compile({
    optimizer: tf.train.adam(o.lr),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  const batches = cycle(w.batches, o.steps);
  const xs = tf.concat(batches.map((b) => b[0]));
  const ys = tf.tidy(() => tf.oneHot(tf.concat(batches.map((b) => b[1])), 10).toFloat());
  const losses: number[] = [];
  const start = performance.now();
  await model.fit(xs, ys, {
    batchSize: w.batchSize,
    epochs: 1,
    shuffle: false,
    verbose: 0,
    callbacks: { onBatchEnd: (_batch, logs) => void losses.push(logs?.loss ?? NaN) },
  });
  const ms = performance.now() - start;
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  return { steps: o.steps, ms };
}

/**
 * What a tfjs tutorial writes: tfjs's own Adam through `minimize`, and the loss awaited every
 * step to log it (one GPU round trip per batch).
 */
export async function naiveLoop(w: Workload, model: tf.LayersModel, o: LoopOptions): Promise<LoopResult> {
  const opt = tf.train.adam(o.lr);
  const losses: number[] = [];
  const start = performance.now();
  for (const [x, y] of cycle(w.batches, o.steps)) {
    const loss = opt.minimize(() => crossEntropyLoss(model.apply(x, { training: true }) as tf.Tensor, y), true)!;
    losses.push((await loss.data())[0]);
    loss.dispose();
  }
  const ms = performance.now() - start;
  opt.dispose();
  return { steps: o.steps, ms };
}

/** fastai's literal optimizer loop: one update per parameter (what the flat update replaces). */
export const perParameterAdam: OptFunc = (params, hypers) => Adam(params, hypers, { flat: false });

/** The flat update in composite ops, without the backend's fused kernel. */
export const compositeFlatAdam: OptFunc = (params, hypers) => Adam(params, hypers, { fused: false });
