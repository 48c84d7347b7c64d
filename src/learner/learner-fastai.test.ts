// The Learner against fastai 2.7.18's code (learner.py, optimizer.py, torch_core.py): weight decay
// on biases and norm layers, fit(cbs=…), the order callbacks run in, a cancelled backward. Each
// expected value is derived from fastai's formulas in the comment beside it (and was checked by
// running fastai 2.7.18 on the same setup).
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeLearner, useCpuBackend, weightValues } from './fixtures.test.util';
import { Adam, Callback, CancelBackwardException, Learner, SGD, mseLoss, type Batch, type LearnerOptions } from './index';

beforeAll(useCpuBackend);

const live: Learner[] = [];
const track = (learn: Learner): Learner => (live.push(learn), learn);
afterEach(() => live.splice(0).forEach(disposeLearner));

/** A Learner on one-feature regression batches (x → y) for a model built here. */
function regression(model: tf.LayersModel, rows: Array<Array<[number, number]>>, opts: Omit<LearnerOptions, 'lossFunc'>): Learner {
  const batch = (r: Array<[number, number]>): Batch => [tf.tensor2d(r.map(([x]) => [x])), tf.tensor2d(r.map(([, y]) => [y]))];
  return track(new Learner({ train: rows.map(batch), valid: [batch(rows[0])] }, model, { lossFunc: mseLoss, ...opts }));
}

const dense1 = (kernel: number, bias: number | null) =>
  tf.sequential({
    layers: [
      tf.layers.dense({
        units: 1,
        inputShape: [1],
        useBias: bias !== null,
        kernelInitializer: tf.initializers.constant({ value: kernel }),
        ...(bias !== null ? { biasInitializer: tf.initializers.constant({ value: bias }) } : {}),
      }),
    ],
  });

describe("weight decay on biases and norm layers (fastai's wd_bn_bias, train_bn)", () => {
  // Linear(1, 1), w = 2, b = 0.5; one batch x = 1, y = 0; Adam lr 0.1, wd 0.01 (fastai's defaults otherwise).
  // pred = 2.5, loss = 6.25, dloss/dw = dloss/db = 2·2.5·1 = 5.
  // Adam step 1 (weight_decay, average_grad(dampening), average_sqr_grad, step_stat, adam_step):
  //   m = 0.1·5 = 0.5, v = 0.01·25 = 0.25, debias1 = 1 − 0.9 = 0.1, debias2 = 1 − 0.99 = 0.01,
  //   p −= lr/debias1 · m / (sqrt(v/debias2) + eps) = 1 · 0.5 / (5 + 1e-5) = 0.0999998.
  //   w (do_wd):                        2·(1 − 0.1·0.01) − 0.0999998 = 1.8980002
  //   b, wd_bn_bias=False (do_wd False): 0.5 − 0.0999998             = 0.4000002
  //   b, wd_bn_bias=True:               0.5·0.999 − 0.0999998       = 0.3995002
  // fastai 2.7.18 prints 1.8980002 0.4000002, and 1.8980002 0.3995002 with wd_bn_bias=True.
  for (const flat of [false, true]) {
    for (const wdBnBias of [false, true]) {
      it(`one Adam step decays the kernel${wdBnBias ? ' and the bias (wdBnBias)' : ', not the bias'} (flat: ${flat})`, async () => {
        const learn = regression(dense1(2, 0.5), [[[1, 0]]], {
          optFunc: (p, h) => Adam(p, h, { flat }),
          lr: 0.1,
          wd: 0.01,
          ...(wdBnBias ? { wdBnBias } : {}),
        });
        const before = tf.memory().numTensors;
        await learn.fit(1);
        const [[w], [b]] = weightValues(learn.model);
        expect(w).toBeCloseTo(1.8980002, 6);
        expect(b).toBeCloseTo(wdBnBias ? 0.3995002 : 0.4000002, 6);
        // The optimizer's state stays: two moments per parameter, or one flat buffer (+ the decay mask and its complement).
        expect(tf.memory().numTensors - before).toBe(flat ? (wdBnBias ? 1 : 3) : 4);
        learn.opt!.dispose();
      });
    }
  }

  it("create_opt's flags: do_wd off on biases and norm parameters, force_train on norm parameters", () => {
    // fastai on nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)), (name, do_wd, force_train):
    // 0.weight True False · 0.bias False False · 1.weight False True · 1.bias False True
    // (norm_bias_params(m, with_bias=True) for do_wd, norm_bias_params(m, with_bias=False) for force_train).
    const model = () =>
      tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] }), tf.layers.batchNormalization({ axis: -1 })] });
    const flags = (opts: Partial<LearnerOptions>) => {
      const learn = regression(model(), [[[1, 0]]], { optFunc: SGD, ...opts });
      learn.createOpt();
      const out = learn.opt!.paramState.map((s, i) => [
        learn.model.trainableWeights[i].originalName.split('/').pop(),
        s.doWd,
        s.forceTrain,
      ]);
      learn.opt!.dispose();
      return out;
    };
    expect(flags({})).toEqual([
      ['kernel', true, false],
      ['bias', false, false],
      ['gamma', false, true],
      ['beta', false, true],
    ]);
    expect(flags({ wdBnBias: true, trainBn: false }).map(([, doWd, force]) => [doWd, force])).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [true, false],
    ]);
  });
});

describe('fit(cbs=…) (fastai: with self.added_cbs(cbs))', () => {
  class Count extends Callback {
    n = 0;
    before_batch() {
      this.n += 1;
    }
  }

  it('an instance already in cbs is not added again: it runs once per event and stays, attached', async () => {
    // fastai's add_cb appends it a second time (it ran twice per event in fastai 2.7.18: 8 before_batch
    // for 4 batches) and remove_cb then leaves one copy with learn = None; here it is simply kept, once.
    const c = new Count();
    const learn = track(makeLearner({ cbs: [c] })); // 2 train + 1 valid batches
    await learn.fit(1, { cbs: [c] });
    expect(c.n).toBe(3);
    expect(learn.cbs.filter((x) => x === c)).toHaveLength(1);
    expect(c.learn).toBe(learn);
  });

  it('a class is removed afterwards with remove_cb(type): every instance, the earlier ones too', async () => {
    // fastai: remove_cbs([Count]) → remove_cb(Count) → remove_cbs(_grab_cbs(Count)), all isinstance matches.
    const earlier = new Count();
    const learn = track(makeLearner({ cbs: [earlier] }));
    await learn.fit(1, { cbs: [Count] });
    expect(learn.cbs.some((x) => x instanceof Count)).toBe(false);
    expect(earlier.learn).toBeNull();
    expect(earlier.n).toBe(3); // it ran during the fit
  });
});

describe("the order callbacks run in (fastai's cbs.sorted('order'))", () => {
  class A extends Callback {
    override order = 10;
  }
  class B extends Callback {
    override order = 5;
  }

  it('is a stable sort of cbs by order, redone when an order changes', async () => {
    const a = new A();
    const b = new B();
    const learn = track(makeLearner({ cbs: [a, b] }));
    const names = () => learn.orderedCbs.map((c) => c.className);
    expect(names()).toEqual(['TrainEvalCallback', 'B', 'A', 'Recorder']);
    await learn.fit(1);
    // cbs = [TrainEval 0, Recorder 50, A 5, B 5]: sorted (stable) gives A before B, their list order.
    a.order = 5;
    expect(names()).toEqual(['TrainEvalCallback', 'A', 'B', 'Recorder']);
    learn.cbs.reverse(); // the list itself reordered: [B, A, Recorder, TrainEval]
    expect(names()).toEqual(['TrainEvalCallback', 'B', 'A', 'Recorder']);
  });
});

describe('a cancelled backward still steps (fastai: _step after after_backward)', () => {
  it('SGD momentum and weight decay move the weight with zero gradients', async () => {
    // Linear(1, 1, bias=False), w = 1; two batches x = 1, y = 0; SGD mom 0.9, lr 0.1, wd 0.2; the
    // second batch raises CancelBackwardException at before_backward. In fastai .grad holds zeros
    // there (zero_grad after batch 1) and Optimizer.step still runs weight_decay, average_grad, momentum_step:
    //   batch 1: g = 2·w·x² = 2; w = 1·(1 − 0.1·0.2) − 0.1·2 = 0.78; grad_avg = 2
    //   batch 2: g = 0;          w = 0.78·0.98 − 0.1·(0.9·2 + 0) = 0.7644 − 0.18 = 0.5844
    // fastai 2.7.18 prints 0.5844001 (no step at all on batch 2 would leave 0.78).
    class CancelSecond extends Callback {
      before_backward() {
        if (this.learn!.iter === 1) throw new CancelBackwardException();
      }
    }
    const seen: number[][] = [];
    class Grads extends Callback {
      override order = 200;
      before_step() {
        if (this.learn!.iter === 1) seen.push(...this.learn!.grads!.map((g) => Array.from(g.dataSync())));
      }
    }
    const learn = regression(dense1(1, null), [[[1, 0]], [[1, 0]]], {
      optFunc: (p, h) => SGD(p, { ...h, mom: 0.9 }),
      lr: 0.1,
      wd: 0.2,
      cbs: [new CancelSecond(), new Grads()],
    });
    const before = tf.memory().numTensors;
    await learn.fit(1);
    expect(weightValues(learn.model)[0][0]).toBeCloseTo(0.5844, 6);
    expect(seen).toEqual([[0]]); // the gradient at before_step is zeros, as PyTorch's zeroed .grad
    expect(tf.memory().numTensors - before).toBe(1); // SGD's momentum buffer
    learn.opt!.dispose();
  });
});
