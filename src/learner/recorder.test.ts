// The Recorder's values against hand computation, and its reads: batched, asynchronous, never synchronous.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Callback, CancelBatchException, Learner, SGD, accuracy, crossEntropyLoss, type Batch, type BatchRecord } from './index';
import { makeModel, useCpuBackend } from './fixtures.test.util';
import { readGroupSize } from './recorder';

beforeAll(useCpuBackend);
afterEach(() => vi.restoreAllMocks());

/** `n` batches of `bs` rows of a 2-feature, 2-class problem (a deterministic pattern). */
function batches(n: number, bs: number, offset = 0): Batch[] {
  return Array.from({ length: n }, (_, b) => {
    const rows = Array.from({ length: bs }, (_, r) => {
      const k = offset + b * bs + r;
      return [Math.sin(k), Math.cos(3 * k), k % 2];
    });
    return [
      tf.tensor2d(rows.map((r) => [r[0], r[1]])),
      tf.tensor1d(
        rows.map((r) => r[2]),
        'int32',
      ),
    ];
  });
}

/** Cross entropy and accuracy of a dense 2→2 layer, by hand. */
function handLossAndAccuracy(rows: number[][], labels: number[], w: number[], b: number[]) {
  let loss = 0;
  let correct = 0;
  rows.forEach(([x0, x1], i) => {
    const logits = [0, 1].map((j) => b[j] + x0 * w[j] + x1 * w[2 + j]);
    const lse = Math.log(Math.exp(logits[0]) + Math.exp(logits[1]));
    loss += lse - logits[labels[i]];
    if ((logits[1] > logits[0] ? 1 : 0) === labels[i]) correct += 1;
  });
  return { loss: loss / rows.length, accuracy: correct / rows.length };
}

describe('Recorder', () => {
  it('smooth loss is fastai’s debiased EMA (β = 0.98) of the raw losses; lrs are recorded', async () => {
    const learn = new Learner({ train: batches(5, 4), valid: batches(1, 4, 100) }, makeModel(), {
      lossFunc: crossEntropyLoss,
      optFunc: SGD,
      lr: 0.3,
    });
    await learn.fit(2);
    const rec = learn.recorder!;
    expect(rec.rawLosses).toHaveLength(10);
    let val = 0;
    rec.rawLosses.forEach((loss, i) => {
      val = 0.98 * val + 0.02 * loss;
      expect(rec.losses[i]).toBeCloseTo(val / (1 - 0.98 ** (i + 1)), 10); // fastai's recorder.losses are smoothed
    });
    expect(rec.lrs).toEqual(new Array(10).fill(0.3));
    expect(rec.values.map((v) => v.trainLoss)).toEqual([rec.losses[4], rec.losses[9]]);
    expect(learn.smoothLoss).toBe(rec.losses[9]);
  });

  it('valid loss and accuracy are sample-weighted means over the validation set', async () => {
    const valid = [...batches(1, 3, 50), ...batches(1, 1, 60)]; // unequal batch sizes: 3 and 1
    const learn = new Learner({ train: batches(2, 4), valid }, makeModel(), {
      lossFunc: crossEntropyLoss,
      optFunc: SGD,
      lr: 0.1,
      metrics: [accuracy],
    });
    await learn.fit(1);
    const [w, b] = learn.model.getWeights().map((t) => Array.from(t.dataSync()));
    const rows = valid.flatMap(([x]) => x.arraySync() as number[][]);
    const labels = valid.flatMap(([, y]) => Array.from(y.dataSync()));
    const expected = handLossAndAccuracy(rows, labels, w, b);
    const [record] = learn.recorder!.values;
    expect(record.validLoss).toBeCloseTo(expected.loss, 5);
    expect(record.metrics.accuracy).toBeCloseTo(expected.accuracy, 6);
  });

  it('reads losses in batches with data(), never synchronously, and reports them to subscribers', async () => {
    const learn = new Learner({ train: batches(8, 4), valid: batches(1, 4, 100) }, makeModel(), {
      lossFunc: crossEntropyLoss,
      optFunc: SGD,
      metrics: [accuracy],
    });
    const rec = learn.recorder!;
    rec.readEvery = 4;
    rec.readEveryMs = 1e9;
    const received: BatchRecord[][] = [];
    rec.subscribe({ onBatches: (r) => received.push(r) });

    const proto = tf.Tensor.prototype;
    const syncReads = [vi.spyOn(proto, 'dataSync'), vi.spyOn(proto, 'arraySync'), vi.spyOn(tf.engine(), 'readSync')]; // the engine's, which dataSync uses (the cpu backend's read() calls its own readSync);
    const asyncReads = vi.spyOn(proto, 'data');
    await learn.fit(2);

    syncReads.forEach((spy) => expect(spy).not.toHaveBeenCalled());
    // per epoch: 2 reads of 4 training losses each, 1 read of the validation sums
    expect(asyncReads).toHaveBeenCalledTimes(6);
    expect(received.map((r) => r.length)).toEqual([4, 4, 4, 4]);
    expect(received.flat().map((r) => r.trainIter)).toEqual([...Array(16).keys()]);
    expect(received.flat()[5]).toMatchObject({ epoch: 0, iter: 5 });
  });
});

describe('the Recorder on a batch cancelled before its loss', () => {
  it('records nothing for it (fastai would re-accumulate the previous batch’s learn.loss; see the README)', async () => {
    // fastai's Recorder.after_batch runs AvgSmoothLoss / AvgLoss .accumulate(learn) on every batch
    // with a yb, and learn.loss still holds the previous batch's loss there: the smoothed loss would
    // get that value twice, the valid mean would count it with this batch's size. Here the batch,
    // which has no loss, is left out of both (the Learner disposes each batch's loss). fastai 2.7.18,
    // 3 batches, cancelled at after_pred on batch 1: recorder.losses 0.3729, 0.3729, 1.3747.
    class CancelAfterPred extends Callback {
      after_pred() {
        const l = this.learn!;
        if ((l.training && l.iter === 1) || (!l.training && l.iter === 0)) throw new CancelBatchException();
      }
    }
    const valid = [...batches(1, 3, 50), ...batches(1, 1, 60)];
    const train = batches(3, 4);
    const learn = new Learner({ train, valid }, makeModel(), { lossFunc: crossEntropyLoss, optFunc: SGD, lr: 0.1, cbs: [CancelAfterPred] });
    const seen: number[] = [];
    class Losses extends Callback {
      override order = 60;
      after_batch() {
        const l = this.learn!;
        if (l.loss) seen.push(l.loss.dataSync()[0]);
      }
    }
    learn.addCb(Losses);
    const n0 = tf.memory().numTensors;
    await learn.fit(1);
    const rec = learn.recorder!;
    expect(rec.rawLosses).toHaveLength(2); // batches 0 and 2
    expect(rec.rawLosses).toEqual([seen[0], seen[1]].map((v) => Math.fround(v)));
    expect(rec.values[0].validLoss).toBeCloseTo(seen[2], 6); // the second valid batch alone
    expect(tf.memory().numTensors).toBe(n0);
    tf.dispose([...train, ...valid]);
  });
});

describe('reads grouped by GPU time (maxLagMs)', () => {
  it('takes about maxLagMs of batches per read, 1 to readEvery, 1 until the pace is known', () => {
    expect(readGroupSize(null, 150, 16)).toBe(1);
    expect(readGroupSize(100, 150, 16)).toBe(1); // a slow GPU: every batch read, the loop at most ~2 ahead
    expect(readGroupSize(20, 150, 16)).toBe(7);
    expect(readGroupSize(0.5, 150, 16)).toBe(16); // a fast one: groups as before
    expect(readGroupSize(0, 150, 16)).toBe(16);
  });

  it('in a fit: the first read takes one loss; a tiny lag keeps every read to one batch, a long one goes back to readEvery', async () => {
    const sizes = async (maxLagMs: number) => {
      const learn = new Learner({ train: batches(12, 4), valid: batches(1, 4, 100) }, makeModel(), {
        lossFunc: crossEntropyLoss,
        optFunc: SGD,
      });
      const rec = learn.recorder!;
      rec.readEvery = 4;
      rec.readEveryMs = 1e9;
      rec.maxLagMs = maxLagMs;
      const received: number[] = [];
      rec.subscribe({ onBatches: (r) => received.push(r.length) });
      await learn.fit(1);
      learn.opt?.dispose();
      learn.model.dispose();
      return received;
    };
    expect(await sizes(1e-6)).toEqual(Array(12).fill(1));
    const long = await sizes(1e9);
    expect(long[0]).toBe(1);
    expect(Math.max(...long)).toBe(4); // readEvery, once the pace is known
    expect(long.reduce((a, b) => a + b, 0)).toBe(12);
  });
});
