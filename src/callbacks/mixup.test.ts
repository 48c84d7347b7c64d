// MixUp and CutMix: mixed inputs and loss against hand computation; the loss function restored on every exit path.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Canceller, disposeLearner, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import {
  Callback,
  CancelFitException,
  CancelTrainException,
  Learner,
  SGD,
  crossEntropyLoss,
  mseLoss,
  type Batch,
  type LossFunc,
} from '../learner';
import { CutMix, MixUp } from './mixup';

beforeAll(useCpuBackend);
const live: Learner[] = [];
const track = (l: Learner) => (live.push(l), l);
afterEach(() => live.splice(0).forEach(disposeLearner));

/** Records which loss function is in place at a few events (order 5: after MixUp's 0). */
class LossWatch extends Callback {
  override order = 5;
  seen: Array<[string, LossFunc]> = [];
  after_pred() {
    this.seen.push([this.learn!.training ? 'train' : 'valid', this.learn!.lossFunc]);
  }
  after_cancel_fit() {
    this.seen.push(['after_cancel_fit', this.learn!.lossFunc]);
  }
}

describe('MixUp restores the loss function on every exit path', () => {
  const run = async (extra: Callback[], expectReject = false) => {
    const learn = track(makeLearner({ trainBatches: 3, validBatches: 1 }));
    const mixup = new MixUp(0.4, 1);
    const watch = new LossWatch();
    const before = tf.memory().numTensors;
    const fit = learn.fit(2, { cbs: [mixup, watch, ...extra] });
    if (expectReject) await expect(fit).rejects.toThrow(/boom/);
    else await fit;
    expect(learn.lossFunc).toBe(crossEntropyLoss);
    expect(tf.memory().numTensors).toBe(before);
    const train = watch.seen.filter(([k]) => k === 'train');
    expect(train.length).toBeGreaterThan(0);
    expect(train.every(([, f]) => f !== crossEntropyLoss)).toBe(true); // mixed while training
    expect(watch.seen.filter(([k]) => k !== 'train').every(([, f]) => f === crossEntropyLoss)).toBe(true);
    return watch;
  };

  it('normal fit: mixed loss in training, the original in validation and afterwards', async () => {
    const watch = await run([]);
    expect(watch.seen.filter(([k]) => k === 'valid')).toHaveLength(2);
  });

  it('CancelTrainException', async () => {
    const watch = await run([new Canceller('after_batch', CancelTrainException, 'train', 100, false)]);
    expect(watch.seen.filter(([k]) => k === 'train')).toHaveLength(2); // one batch per epoch
    expect(watch.seen.filter(([k]) => k === 'valid')).toHaveLength(2);
  });

  it('CancelFitException in training', async () => {
    const watch = await run([new Canceller('after_batch', CancelFitException, 'train')]);
    expect(watch.seen.map(([k]) => k)).toEqual(['train', 'after_cancel_fit']);
  });

  it('an error in training', async () => {
    class Boom extends Callback {
      after_batch() {
        if (this.learn!.training && this.learn!.iter === 1) throw new Error('boom');
      }
    }
    await run([new Boom()], true);
  });

  it('removed while training: the original comes back at the next batch', async () => {
    const learn = track(makeLearner({ trainBatches: 3 }));
    const mixup = new MixUp();
    const watch = new LossWatch();
    class Remove extends Callback {
      after_batch() {
        if (this.learn!.training && this.learn!.iter === 0) this.learn!.removeCb(mixup);
      }
    }
    learn.addCbs([mixup, watch, new Remove()]);
    await learn.fit(1);
    expect(watch.seen.map(([, f]) => f === crossEntropyLoss)).toEqual([false, true, true, true]);
  });
});

describe('MixUp values', () => {
  it('xb = λ·x + (1 − λ)·x[perm] with λ ≥ ½, loss = mean of λ·CE(y) + (1 − λ)·CE(y[perm])', async () => {
    const learn = track(makeLearner({ trainBatches: 3 }));
    const mixup = new MixUp(0.4, 3);
    const checked: number[] = [];
    class Probe extends Callback {
      override order = 10;
      after_loss() {
        const l = this.learn!;
        if (!l.training) return;
        const [x, y] = (l.dls.train as Batch[])[l.iter].map((t) => t.arraySync()) as [number[][], number[]];
        const { lam, perm } = mixup.last!;
        const xb = l.xb[0].arraySync() as number[][];
        xb.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(lam[i] * x[i][j] + (1 - lam[i]) * x[perm[i]][j], 6)));
        expect(lam.every((v) => v >= 0.5 && v <= 1)).toBe(true);
        expect(l.yb[0].arraySync()).toEqual(y); // class ids are not mixed
        const pred = l.pred!.arraySync() as number[][];
        const ce = (p: number[], c: number) => Math.log(p.reduce((s, v) => s + Math.exp(v), 0)) - p[c];
        const expected = pred.reduce((s, p, i) => s + lam[i] * ce(p, y[i]) + (1 - lam[i]) * ce(p, y[perm[i]]), 0) / pred.length;
        expect(l.loss!.dataSync()[0]).toBeCloseTo(expected, 5);
        checked.push(l.iter);
      }
    }
    await learn.fit(2, { cbs: [mixup, new Probe()] });
    expect(checked).toHaveLength(6);
  });

  it('regression targets (MSE) are mixed and the loss function is left alone', async () => {
    const batch = (k: number): Batch => [tf.tensor2d([[k], [k + 1], [k + 2]]), tf.tensor2d([[10 * k], [10 * k + 10], [10 * k + 20]])];
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    const learn = track(
      new Learner({ train: [batch(0), batch(3)], valid: [batch(6)] }, model, { lossFunc: mseLoss, optFunc: SGD, lr: 1e-3 }),
    );
    const mixup = new MixUp(1, 5);
    let n = 0;
    class Probe extends Callback {
      override order = 10;
      after_pred() {
        const l = this.learn!;
        if (!l.training) return;
        expect(l.lossFunc).toBe(mseLoss);
        const { lam, perm } = mixup.last!;
        const [x, y] = (l.dls.train as Batch[])[l.iter].map((t) => (t.arraySync() as number[][]).map((r) => r[0]));
        (l.xb[0].arraySync() as number[][]).forEach(([v], i) => expect(v).toBeCloseTo(lam[i] * x[i] + (1 - lam[i]) * x[perm[i]], 5));
        (l.yb[0].arraySync() as number[][]).forEach(([v], i) => expect(v).toBeCloseTo(lam[i] * y[i] + (1 - lam[i]) * y[perm[i]], 4));
        n++;
      }
    }
    const before = tf.memory().numTensors;
    await learn.fit(1, { cbs: [mixup, new Probe()] });
    expect(n).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('CutMix', () => {
  const images = (flat: boolean): Batch[] =>
    [0, 1].map((k) => {
      const values = Array.from({ length: 3 * 16 }, (_, i) => i + 100 * k);
      const x = flat ? tf.tensor2d(values, [3, 16]) : tf.tensor4d(values, [3, 4, 4, 1]);
      return [x, tf.tensor1d([0, 1, 0], 'int32')];
    });

  it.each([false, true])('pastes a box from the shuffled batch; λ = 1 − box area / image area (flat rows: %s)', async (flat) => {
    const layers = flat
      ? [tf.layers.dense({ units: 2, inputShape: [16] })]
      : [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dense({ units: 2 })];
    const data = images(flat);
    const learn = track(
      new Learner({ train: data, valid: [data[0]] }, tf.sequential({ layers }), { lossFunc: crossEntropyLoss, optFunc: SGD, lr: 1e-3 }),
    );
    const cutmix = new CutMix(1, 11, flat ? [4, 4, 1] : null);
    let n = 0;
    const lams: number[] = [];
    class Probe extends Callback {
      override order = 10;
      after_loss() {
        const l = this.learn!;
        if (!l.training) return;
        const { lam, perm, box } = cutmix.last!;
        lams.push(lam);
        const x = (l.dls.train as Batch[])[l.iter][0].dataSync();
        const got = l.xb[0].dataSync();
        for (let b = 0; b < 3; b++)
          for (let r = 0; r < 4; r++)
            for (let c = 0; c < 4; c++) {
              const inside = r >= box.y1 && r < box.y2 && c >= box.x1 && c < box.x2;
              expect(got[b * 16 + r * 4 + c]).toBe(x[(inside ? perm[b] : b) * 16 + r * 4 + c]);
            }
        expect(lam).toBeCloseTo(1 - ((box.x2 - box.x1) * (box.y2 - box.y1)) / 16, 12);
        const pred = l.pred!.arraySync() as number[][];
        const y = [0, 1, 0];
        const ce = (p: number[], k: number) => Math.log(p.reduce((s, v) => s + Math.exp(v), 0)) - p[k];
        const expected = pred.reduce((s, p, i) => s + lam * ce(p, y[i]) + (1 - lam) * ce(p, y[perm[i]]), 0) / 3;
        expect(l.loss!.dataSync()[0]).toBeCloseTo(expected, 4);
        n++;
      }
    }
    const before = tf.memory().numTensors;
    await learn.fit(3, { cbs: [cutmix, new Probe()] });
    expect(n).toBe(6);
    expect(lams.some((l) => l < 1 && l > 0)).toBe(true); // some batch really was cut
    expect(learn.lossFunc).toBe(crossEntropyLoss);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses inputs that are not images', async () => {
    const learn = track(makeLearner());
    await expect(learn.fit(1, { cbs: [new CutMix()] })).rejects.toThrow(/CutMix needs images/);
    expect(learn.lossFunc).toBe(crossEntropyLoss);
  });
});
