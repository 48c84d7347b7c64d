// Test helpers for the fastai reference tests of src/learner (not a test file itself).
// A tiny 2-feature, 2-class problem, a one-layer dense model, and an EventLogger callback.
import * as tf from '@tensorflow/tfjs';
import { Callback, Learner, SGD, crossEntropyLoss, type Batch, type CbArg, type DataLoaders, type EventName, type OptFunc } from './index';

/** Selects tfjs's pure-JS cpu backend (call in beforeAll). */
export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

// Rows of the tiny dataset: [x0, x1] -> class. Each batch has two rows.
const TRAIN_ROWS: Array<Array<[number, number, number]>> = [
  [
    [1, 0, 0],
    [0, 1, 1],
  ],
  [
    [2, -1, 0],
    [-1, 2, 1],
  ],
  [
    [1.5, 0.5, 0],
    [0.5, 1.5, 1],
  ],
];
const VALID_ROWS: Array<Array<[number, number, number]>> = [
  [
    [1.5, 0, 0],
    [0, 1.5, 1],
  ],
  [
    [3, 1, 0],
    [1, 3, 1],
  ],
];

function toBatch(rows: Array<[number, number, number]>): Batch {
  const xb = tf.tensor2d(
    rows.map((r) => [r[0], r[1]]),
    [rows.length, 2],
    'float32',
  );
  const yb = tf.tensor1d(
    rows.map((r) => r[2]),
    'int32',
  );
  return [xb, yb];
}

/**
 * Plain arrays of [xb, yb] batches: `dls.train` has `trainBatches` batches (default 2, at most 3),
 * `dls.valid` has `validBatches` (default 1, at most 2). Arrays are reused each epoch.
 */
export function makeDls(trainBatches = 2, validBatches = 1): DataLoaders {
  if (trainBatches > TRAIN_ROWS.length || validBatches > VALID_ROWS.length) {
    throw new Error('fixture has at most 3 train and 2 valid batches');
  }
  const train: Batch[] = TRAIN_ROWS.slice(0, trainBatches).map(toBatch);
  const valid: Batch[] = VALID_ROWS.slice(0, validBatches).map(toBatch);
  return { train, valid };
}

/** A dense 2 -> 2 model (logits), with a seeded initializer so runs are reproducible. */
export function makeModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({
        units: 2,
        inputShape: [2],
        kernelInitializer: tf.initializers.glorotUniform({ seed: 42 }),
        biasInitializer: 'zeros',
      }),
    ],
  });
}

export interface FixtureOptions {
  trainBatches?: number; // default 2
  validBatches?: number; // default 1
  cbs?: CbArg[];
  lr?: number; // default 0.1
  wd?: number;
  optFunc?: OptFunc; // default SGD
  defaultCbs?: boolean; // default true (TrainEvalCallback + Recorder)
}

/** A Learner on the tiny data, SGD lr 0.1 by default. */
export function makeLearner(o: FixtureOptions = {}): Learner {
  return new Learner(makeDls(o.trainBatches ?? 2, o.validBatches ?? 1), makeModel(), {
    lossFunc: crossEntropyLoss,
    optFunc: o.optFunc ?? SGD,
    lr: o.lr ?? 0.1,
    wd: o.wd,
    cbs: o.cbs ?? [],
    defaultCbs: o.defaultCbs ?? true,
  });
}

/** Copies of the model's weights, as plain numbers. */
export function weightValues(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

/** Disposes what a fixture Learner owns (model and batches). */
export function disposeLearner(learn: Learner): void {
  for (const b of learn.dls.train) tf.dispose(b);
  for (const b of learn.dls.valid) tf.dispose(b);
  learn.model.dispose();
}

/**
 * A callback with one method for each of the 24 events of EVENTS, each calling `on(event)`.
 * What reaches `on` is exactly what fastai's `Callback.__call__` lets through (run/runTrain/runValid).
 */
export class AllEventsCallback extends Callback {
  protected on(_event: EventName): void {}

  after_create(): void {
    this.on('after_create');
  }
  before_fit(): void {
    this.on('before_fit');
  }
  before_epoch(): void {
    this.on('before_epoch');
  }
  before_train(): void {
    this.on('before_train');
  }
  before_batch(): void {
    this.on('before_batch');
  }
  after_pred(): void {
    this.on('after_pred');
  }
  after_loss(): void {
    this.on('after_loss');
  }
  before_backward(): void {
    this.on('before_backward');
  }
  after_cancel_backward(): void {
    this.on('after_cancel_backward');
  }
  after_backward(): void {
    this.on('after_backward');
  }
  before_step(): void {
    this.on('before_step');
  }
  after_cancel_step(): void {
    this.on('after_cancel_step');
  }
  after_step(): void {
    this.on('after_step');
  }
  after_cancel_batch(): void {
    this.on('after_cancel_batch');
  }
  after_batch(): void {
    this.on('after_batch');
  }
  after_cancel_train(): void {
    this.on('after_cancel_train');
  }
  after_train(): void {
    this.on('after_train');
  }
  before_validate(): void {
    this.on('before_validate');
  }
  after_cancel_validate(): void {
    this.on('after_cancel_validate');
  }
  after_validate(): void {
    this.on('after_validate');
  }
  after_cancel_epoch(): void {
    this.on('after_cancel_epoch');
  }
  after_epoch(): void {
    this.on('after_epoch');
  }
  after_cancel_fit(): void {
    this.on('after_cancel_fit');
  }
  after_fit(): void {
    this.on('after_fit');
  }
}

/** Records the name of every event it is called with, in order. */
export class EventLogger extends AllEventsCallback {
  events: EventName[] = [];

  clear(): void {
    this.events = [];
  }

  protected override on(event: EventName): void {
    this.events.push(event);
  }
}

export type CancelClass = new () => Error;

/**
 * fastai's TestCancelCallback: throws `exc` at event `at`, only the first time by default, and
 * only in training (`when: 'train'`), only in validation (`'valid'`) or in both (`'any'`).
 * Its default order (100) runs it after the EventLogger (order 0), so the logger records the event
 * that throws, as fastai's VerboseCallback-based test prints it.
 */
export class Canceller extends AllEventsCallback {
  fired = 0;
  constructor(
    readonly at: EventName,
    readonly exc: CancelClass,
    readonly when: 'train' | 'valid' | 'any' = 'any',
    order = 100,
    readonly once = true,
  ) {
    super();
    this.order = order;
  }

  protected override on(event: EventName): void {
    if (event !== this.at) return;
    if (this.once && this.fired > 0) return;
    const training = this.learn?.training ?? false;
    if (this.when === 'train' && !training) return;
    if (this.when === 'valid' && training) return;
    this.fired += 1;
    throw new this.exc();
  }
}
