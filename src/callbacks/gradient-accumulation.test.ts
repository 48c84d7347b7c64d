// GradientAccumulation: one optimizer step every nAcc samples, with the gradient of one big batch.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeDls, makeLearner, makeModel, useCpuBackend, weightValues } from '../learner/fixtures.test.util';
import { Callback, Learner, SGD, crossEntropyLoss, mseLoss, type Batch } from '../learner';
import { GradientAccumulation } from './gradient-accumulation';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

/** trainIter at each real optimizer step. */
function spySteps(learn: Learner): number[] {
  learn.createOpt();
  const opt = learn.opt!;
  const step = opt.step.bind(opt);
  const at: number[] = [];
  opt.step = (g) => (at.push(learn.trainIter), step(g));
  return at;
}

/** The fixture's 6 training rows, re-cut into batches of the given sizes. */
function rebatched(sizes: number[]): Learner {
  const dls = makeDls(3, 1);
  const x = tf.concat([...dls.train].map((b) => b[0]));
  const y = tf.concat([...dls.train].map((b) => b[1]));
  let start = 0;
  const train: Batch[] = sizes.map((n) => {
    const b = [x.slice(start, n), y.slice(start, n)];
    start += n;
    return b;
  });
  for (const b of dls.train) tf.dispose(b);
  tf.dispose([x, y]);
  const learn = new Learner({ train, valid: dls.valid }, makeModel(), { lossFunc: crossEntropyLoss, optFunc: SGD, lr: 0.5 });
  live.push(learn);
  return learn;
}

describe('GradientAccumulation', () => {
  it.each([
    [4, [1, 3, 5, 7, 9, 11]],
    [6, [2, 5, 8, 11]],
    [2, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
  ])('nAcc %i with batches of 2: steps at trainIter %j (the count runs across epochs)', async (nAcc, expected) => {
    const learn = makeLearner({ trainBatches: 3 });
    live.push(learn);
    const steps = spySteps(learn);
    const n0 = tf.memory().numTensors;
    await learn.fit(4, { cbs: [new GradientAccumulation(nAcc)] });
    expect(steps).toEqual(expected);
    expect(tf.memory().numTensors).toBe(n0);
  });

  it('3 batches of 2 with nAcc 6 step exactly like one batch of 6', async () => {
    const acc = rebatched([2, 2, 2]);
    const big = rebatched([6]);
    await acc.fit(1, { cbs: [new GradientAccumulation(6)] });
    await big.fit(1);
    const [a, b] = [weightValues(acc.model), weightValues(big.model)];
    a.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], 6)));
    expect(a).not.toEqual(weightValues(rebatched([6]).model)); // it did step
  });

  it('uneven batches (2, 2, 1) with nAcc 5 weight each batch by bs/nAcc, like one batch of 5', async () => {
    const acc = rebatched([2, 2, 1]);
    const big = rebatched([5]);
    await acc.fit(1, { cbs: [new GradientAccumulation(5)] });
    await big.fit(1);
    const [a, b] = [weightValues(acc.model), weightValues(big.model)];
    a.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], 6)));
  });

  it('more samples than a fit holds: no step at all, so the validation loss never changes (fastai)', async () => {
    const learn = makeLearner({ trainBatches: 3 });
    live.push(learn);
    await learn.fit(3, { cbs: [new GradientAccumulation(1000)] });
    const v = learn.recorder!.values.map((r) => r.validLoss);
    expect(v[2]).toBe(v[0]);
  });
});

describe('GradientAccumulation removed while holding gradients', () => {
  it("leaves them as fastai's Σ (bs/nAcc)·g, so the next step uses g₀/3 + g₁", async () => {
    const learn = makeLearner({ trainBatches: 3 });
    live.push(learn);
    const [b0, b1] = learn.dls.train as Batch[];
    const params = learn.params;
    const gradsAt = (b: Batch) =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => crossEntropyLoss(learn.model.apply(b[0]) as tf.Tensor, b[1]), params);
        return params.map((p) => Array.from(grads[p.name].dataSync()));
      });
    const [g0, g1] = [gradsAt(b0), gradsAt(b1)];
    const acc = new GradientAccumulation(6);
    let stepped: number[][] | null = null;
    class Remove extends Callback {
      override order = 100;
      after_batch() {
        if (this.learn!.trainIter === 1) this.learn!.removeCb(acc);
      }
      before_step() {
        stepped ??= this.learn!.grads!.map((g) => Array.from(g.dataSync()));
      }
    }
    await learn.fit(1, { cbs: [acc, new Remove()] });
    stepped!.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(g0[i][j] / 3 + g1[i][j], 6)));
  });
});

describe("GradientAccumulation's learn.grads hold fastai's .grad", () => {
  it('Σ (bs/nAcc)·g at after_backward, and the real step uses them as they are', async () => {
    // Linear(1, 1, bias=False), w = 1; two batches of x = [1, 2], y = 0; SGD lr 0.1; nAcc 4.
    // fastai's after_loss: loss_grad /= n_acc/bs (= 2), so each backward adds (2/4)·g, with
    // g = mean(2·w·x²) = (2 + 8)/2 = 5:  .grad = 2.5 after batch 1, 5.0 after batch 2, where
    // count = 4 = n_acc steps: w = 1 − 0.1·5 = 0.5. (fastai 2.7.18 prints 2.5, 5.0, w 0.5.)
    const batch = (): Batch => [tf.tensor2d([[1], [2]]), tf.tensor2d([[0], [0]])];
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: tf.initializers.constant({ value: 1 }) })],
    });
    const learn = new Learner({ train: [batch(), batch()], valid: [batch()] }, model, { lossFunc: mseLoss, optFunc: SGD, lr: 0.1 });
    live.push(learn);
    const seen: number[] = [];
    class Spy extends Callback {
      override order = 100;
      after_backward() {
        seen.push(this.learn!.grads![0].dataSync()[0]);
      }
    }
    const n0 = tf.memory().numTensors;
    await learn.fit(1, { cbs: [new GradientAccumulation(4), new Spy()] });
    expect(seen[0]).toBeCloseTo(2.5, 6);
    expect(seen[1]).toBeCloseTo(5, 6);
    expect(weightValues(learn.model)[0][0]).toBeCloseTo(0.5, 6);
    expect(tf.memory().numTensors).toBe(n0);
  });
});
