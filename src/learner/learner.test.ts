// The Learner's values at events (fastai's TestOneBatch idea), memory, errors and callback management.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeLearner, makeDls, makeModel, useCpuBackend, weightValues, disposeLearner, EventLogger } from './fixtures.test.util';
import {
  Adam,
  Callback,
  CallbackError,
  CancelBatchException,
  Learner,
  Recorder,
  SGD,
  TrainEvalCallback,
  crossEntropyLoss,
  type OptFunc,
} from './index';

beforeAll(useCpuBackend);

const live: Learner[] = [];
const track = (learn: Learner): Learner => (live.push(learn), learn);
afterEach(() => live.splice(0).forEach(disposeLearner));

const values = (ts: readonly tf.Tensor[]): number[][] => ts.map((t) => Array.from(t.dataSync()));

/** Hand-computed cross-entropy gradient of a dense layer: dW = xᵀ(softmax(xW+b) − onehot)/bs, db = Σ rows. */
function denseCrossEntropyGrads(x: number[][], labels: number[], w: number[], b: number[]): number[][] {
  const [nIn, nOut] = [x[0].length, b.length];
  const dW = new Array(nIn * nOut).fill(0);
  const db = new Array(nOut).fill(0);
  x.forEach((row, r) => {
    const logits = b.map((bj, j) => bj + row.reduce((s, xi, i) => s + xi * w[i * nOut + j], 0));
    const m = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - m));
    const z = exps.reduce((s, e) => s + e, 0);
    exps.forEach((e, j) => {
      const d = (e / z - (labels[r] === j ? 1 : 0)) / x.length;
      db[j] += d;
      row.forEach((xi, i) => (dW[i * nOut + j] += xi * d));
    });
  });
  return [dW, db];
}

describe('values at events (TestOneBatch)', () => {
  it('after_backward has the loss gradients and unchanged parameters; the step is p − lr·g', async () => {
    const seen: { before?: number[][]; atBackward?: number[][]; grads?: number[][]; after?: number[][]; x?: number[][]; y?: number[] } = {};
    class Probe extends Callback {
      before_batch() {
        if (!this.learn!.training || seen.before) return;
        seen.before = weightValues(this.learn!.model);
        seen.x = this.learn!.xb[0].arraySync() as number[][];
        seen.y = Array.from(this.learn!.yb[0].dataSync());
      }
      after_loss() {
        if (this.learn!.training && !seen.atBackward) expect(this.learn!.grads).toBeNull(); // not yet at backward
      }
      after_backward() {
        if (seen.atBackward) return;
        seen.atBackward = weightValues(this.learn!.model);
        seen.grads = values(this.learn!.grads!);
      }
      after_step() {
        if (!seen.after) seen.after = weightValues(this.learn!.model);
      }
    }
    const learn = track(makeLearner({ cbs: [Probe], lr: 0.1, trainBatches: 1 }));
    await learn.fit(1);

    expect(seen.atBackward).toEqual(seen.before);
    const [w, b] = seen.before!;
    const [dW, db] = denseCrossEntropyGrads(seen.x!, seen.y!, w, b);
    seen.grads![0].forEach((g, i) => expect(g).toBeCloseTo(dW[i], 5));
    seen.grads![1].forEach((g, i) => expect(g).toBeCloseTo(db[i], 5));
    seen.after!.forEach((p, k) => p.forEach((v, i) => expect(v).toBeCloseTo(seen.before![k][i] - 0.1 * seen.grads![k][i], 6)));
  });

  it('validation computes no gradient and takes no step', async () => {
    const log: string[] = [];
    let weightsAtValidate: number[][] = [];
    class Probe extends Callback {
      before_validate() {
        weightsAtValidate = weightValues(this.learn!.model);
      }
      after_loss() {
        if (!this.learn!.training) log.push(`loss:${this.learn!.loss !== null} grads:${this.learn!.grads !== null}`);
      }
      after_validate() {
        expect(weightValues(this.learn!.model)).toEqual(weightsAtValidate);
      }
    }
    const logger = new EventLogger();
    const learn = track(makeLearner({ cbs: [Probe, logger], validBatches: 2 }));
    await learn.fit(1);
    expect(log).toEqual(['loss:true grads:false', 'loss:true grads:false']);
    const validPart = logger.events.slice(logger.events.indexOf('before_validate'));
    expect(validPart).not.toContain('before_backward');
    expect(validPart).not.toContain('before_step');
  });

  it('gradients accumulate when zero_grad is skipped (CancelBatchException at before_step)', async () => {
    const grads: number[][][] = [];
    class SkipFirstStep extends Callback {
      after_backward() {
        grads.push(values(this.learn!.grads!));
      }
      before_step() {
        if (this.learn!.iter === 0) throw new CancelBatchException();
      }
    }
    // The same batch twice: the second backward must see exactly twice the first gradient.
    const dls = makeDls(1, 1);
    const learn = track(
      new Learner({ train: [dls.train[0 as never], dls.train[0 as never]] as never, valid: dls.valid }, makeModel(), {
        lossFunc: crossEntropyLoss,
        optFunc: SGD,
        cbs: [SkipFirstStep],
      }),
    );
    const before = tf.memory().numTensors;
    await learn.fit(1);
    grads[1].forEach((g, k) => g.forEach((v, i) => expect(v).toBeCloseTo(2 * grads[0][k][i], 6)));
    expect(tf.memory().numTensors).toBe(before); // the summed-away gradients were disposed
  });
});

describe('memory', () => {
  for (const opt of ['SGD', 'Adam', 'Adam (flat)'] as const) {
    it(`numTensors after epoch 3 equals after epoch 1 (${opt})`, async () => {
      const counts: number[] = [];
      class Count extends Callback {
        override order = 100; // after the Recorder has read back the epoch
        after_epoch() {
          counts.push(tf.memory().numTensors);
        }
      }
      const optFunc: OptFunc | undefined = opt === 'SGD' ? undefined : (p, h) => Adam(p, h, { flat: opt === 'Adam (flat)' });
      const learn = track(makeLearner({ cbs: [Count], ...(optFunc ? { optFunc } : {}) }));
      const before = tf.memory().numTensors;
      await learn.fit(3);
      expect(counts[2]).toBe(counts[0]);
      // What stays after the fit is the optimizer's state only: Adam's 2 buffers per parameter, or one flat
      // buffer and the flat weight-decay mask with its complement (the bias has no weight decay, fastai's wd_bn_bias).
      expect(tf.memory().numTensors - before).toBe({ SGD: 0, Adam: 2 * learn.params.length, 'Adam (flat)': 3 }[opt]);
    });
  }
});

describe('errors', () => {
  class Boom extends Callback {
    constructor(private readonly at: 'after_loss' | 'after_backward' | 'after_epoch') {
      super();
    }
    after_loss() {
      if (this.at === 'after_loss' && this.learn!.training) throw new Error('kaput');
    }
    after_backward() {
      if (this.at === 'after_backward') throw new Error('kaput');
    }
    after_epoch() {
      if (this.at === 'after_epoch') throw new Error('kaput');
    }
  }

  for (const at of ['after_loss', 'after_backward', 'after_epoch'] as const) {
    it(`a throwing callback at ${at} names itself and the event, and leaks nothing`, async () => {
      const learn = track(makeLearner({ defaultCbs: true }));
      await learn.fit(1); // the optimizer and its state exist before we count
      const before = tf.memory().numTensors;
      const temp = new Boom(at);
      const err = await learn.fit(2, { cbs: [temp] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CallbackError);
      expect((err as Error).message).toBe(`Exception occurred in \`Boom\` when calling event \`${at}\`: kaput`);
      expect((err as CallbackError).callbackName).toBe('Boom');
      expect((err as CallbackError).event).toBe(at);
      expect(tf.memory().numTensors).toBe(before);
      expect(learn.cbs).not.toContain(temp);
      expect(temp.learn).toBeNull();
      await learn.fit(1); // the Learner is still usable
    });
  }

  it('after_create handlers must be synchronous', () => {
    class AsyncCreate extends Callback {
      async after_create() {}
    }
    expect(() => makeLearner({ cbs: [AsyncCreate] })).toThrow(/AsyncCreate.after_create must be synchronous/);
  });
});

describe('callback management', () => {
  class A extends Callback {}
  class B extends Callback {}

  it('adds by instance or class, finds by name and class, removes by instance or every instance of a class', () => {
    const a1 = new A();
    const learn = track(makeLearner({ cbs: [a1, A, B] }));
    expect(learn.cbs.map((c) => c.className)).toEqual(['TrainEvalCallback', 'Recorder', 'A', 'A', 'B']);
    expect(learn.cbs.every((c) => c.learn === learn)).toBe(true);
    expect(learn.cbByName('train_eval')).toBeInstanceOf(TrainEvalCallback);
    expect(learn.cbByName('recorder')).toBe(learn.recorder);
    expect(learn.cb(B)?.name).toBe('b');
    learn.removeCb(a1);
    expect(a1.learn).toBeNull();
    expect(learn.cbs.filter((c) => c instanceof A)).toHaveLength(1);
    learn.addCb(A).removeCbs([A]);
    expect(learn.cbs.some((c) => c instanceof A)).toBe(false);
    learn.removeCb(Recorder);
    expect(learn.recorder).toBeUndefined();
  });

  it('fit(cbs) adds callbacks for that fit only', async () => {
    const logger = new EventLogger();
    const learn = track(makeLearner());
    await learn.fit(1, { cbs: [logger, A] });
    expect(logger.events[0]).toBe('before_fit');
    expect(learn.cbs.map((c) => c.className)).toEqual(['TrainEvalCallback', 'Recorder']);
  });

  it('startEpoch cancels the earlier epochs at before_epoch, as SkipToEpoch', async () => {
    const logger = new EventLogger();
    const weights: number[][][] = [];
    class Weights extends Callback {
      after_epoch() {
        weights.push(weightValues(this.learn!.model));
      }
    }
    const learn = track(makeLearner({ cbs: [logger, Weights] }));
    const initial = weightValues(learn.model);
    await learn.fit(3, { startEpoch: 2 });
    const skipped = ['before_epoch', 'after_cancel_epoch', 'after_epoch'];
    expect(logger.events.slice(0, 8)).toEqual(['after_create', 'before_fit', ...skipped, ...skipped]);
    expect(logger.events.slice(2, 8)).toEqual([...skipped, ...skipped]);
    expect(logger.events.filter((e) => e === 'before_train')).toHaveLength(1);
    expect(weights[1]).toEqual(initial);
    expect(weights[2]).not.toEqual(initial);
    expect(learn.cbs.map((c) => c.className)).not.toContain('SkipToEpoch');
  });

  it('fit sets lr and wd as hyper-parameters and keeps the optimizer unless resetOpt', async () => {
    const learn = track(makeLearner({ lr: 0.1 }));
    await learn.fit(1, { lr: 0.05, wd: 0.2 });
    const opt = learn.opt;
    expect(opt?.hypers).toMatchObject({ lr: 0.05, wd: 0.2 });
    await learn.fit(1);
    expect(learn.opt).toBe(opt);
    expect(opt?.hypers.lr).toBe(0.1);
    await learn.fit(1, { resetOpt: true });
    expect(learn.opt).not.toBe(opt);
  });

  it('TrainEvalCallback counts iterations and pct_train like fastai', async () => {
    const pct: number[] = [];
    class Pct extends Callback {
      override order = -20; // before TrainEvalCallback updates the counters
      before_batch() {
        if (this.learn!.training) pct.push(this.learn!.pctTrain);
      }
    }
    const learn = track(makeLearner({ cbs: [Pct], trainBatches: 2 }));
    await learn.fit(2);
    expect(pct).toEqual([0, 0.25, 0.5, 0.75]);
    expect(learn.trainIter).toBe(4);
  });
});
