// One training run: spiral data -> MLP -> Learner.fit, streamed to the page.
// Everything it allocates is disposed at the end, whatever happens.
import * as tf from '@tensorflow/tfjs';
import { StreamCallback } from '../callbacks/stream';
import { DataLoader } from '../data/dataloader';
import { makeSpiral, splitTrainValid } from '../data/spiral';
import { Learner, accuracy, crossEntropyLoss } from '../learner';
import { buildMlp } from '../models/mlp';
import type { TrainConfig, WorkerToPage } from '../protocol/messages';

export type Send = (msg: WorkerToPage) => void;

export interface Run {
  /** Stops at the next batch (CancelFitException; after_fit still runs). */
  stop(): void;
  /** Settles when the run is over and its tensors are freed; never rejects. */
  done: Promise<void>;
}

/** Fraction of the spiral held out for validation. */
const VALID_PCT = 0.2;

export function startRun(config: TrainConfig, send: Send): Run {
  const stream = new StreamCallback(send);
  return { stop: () => stream.requestStop(), done: train(config, send, stream) };
}

async function train(config: TrainConfig, send: Send, stream: StreamCallback): Promise<void> {
  send({ type: 'status', state: 'training' });
  const before = tf.memory().numTensors;
  let model: tf.LayersModel | null = null;
  let learn: Learner | null = null;
  let failed = false;
  try {
    const data = makeSpiral(config);
    const { train, valid } = splitTrainValid(data, VALID_PCT, config.seed + 1);
    const dls = {
      train: new DataLoader(train, { batchSize: config.batchSize, shuffle: true, seed: config.seed + 2 }),
      valid: new DataLoader(valid, { batchSize: config.batchSize }),
    };
    model = buildMlp({
      inputs: data.nFeatures,
      hidden: Array.from({ length: config.layers }, () => config.hiddenUnits),
      activation: 'relu',
      outputs: data.nClasses,
      seed: config.seed + 3,
    });
    learn = new Learner(dls, model, { lossFunc: crossEntropyLoss, metrics: [accuracy], lr: config.lr, cbs: [stream] });
    await learn.fit(config.epochs);
  } catch (err) {
    failed = true;
    send({ type: 'error', message: describeError(err), where: 'training' });
  } finally {
    stream.close();
    learn?.opt?.dispose();
    model?.dispose();
  }
  const leaked = tf.memory().numTensors - before;
  const detail = failed ? 'failed' : stream.stopping ? 'stopped' : 'finished';
  send({ type: 'status', state: failed ? 'idle' : 'done', detail, leakedTensors: leaked });
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
