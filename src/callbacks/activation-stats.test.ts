// ActivationStats: the probe model's activations, the on-device summary against a JS reference, the callback's records.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, makeDls, useCpuBackend } from '../learner/fixtures.test.util';
import { Callback, Learner, SGD, crossEntropyLoss } from '../learner';
import { buildMlp } from '../models/mlp';
import { activationSummary, buildProbe } from './activation-probe';
import { ActivationStats } from './activation-stats';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

/** Reference: mean, unbiased std, share ≤ 0.05, torch.histc(|x|, bins, lo, hi). */
function reference(xs: number[], bins = 40, lo = 0, hi = 10) {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const nearZero = xs.filter((x) => x <= 0.05).length / n;
  const hist = new Array<number>(bins).fill(0);
  for (const x of xs.map(Math.abs)) {
    if (x < lo || x > hi) continue;
    hist[Math.min(bins - 1, Math.floor(((x - lo) * bins) / (hi - lo)))] += 1;
  }
  return { mean, std, nearZero, hist };
}

const mlp = () => buildMlp({ inputs: 2, hidden: [4, 3], activation: 'relu', outputs: 2, seed: 1 });

describe('activationSummary', () => {
  it('matches the reference, including the range edges (0 and 10 counted, 10.5 not)', () => {
    const xs = [0, 10, -10, 10.5, -0.01, 0.05, 0.06, 2.5, -2.49, 9.76, 3, 7.2, -11, 0.24, 0.25];
    const t = tf.tensor1d(xs);
    const got = Array.from(activationSummary(t.reshape([3, 5]), { bins: 40, lo: 0, hi: 10 }).dataSync());
    t.dispose();
    const ref = reference(xs);
    expect(got[0]).toBeCloseTo(ref.mean, 5);
    expect(got[1]).toBeCloseTo(ref.std, 5);
    expect(got[2]).toBeCloseTo(ref.nearZero, 6);
    expect(got.slice(3)).toEqual(ref.hist);
    expect(ref.hist.reduce((a, b) => a + b, 0)).toBe(xs.length - 2);
  });

  it('on random activations with other bins and range', () => {
    const t = tf.randomNormal([64, 7], 0, 3, 'float32', 5);
    const xs = Array.from(t.dataSync());
    const got = Array.from(activationSummary(t, { bins: 12, lo: 0.5, hi: 6 }).dataSync());
    t.dispose();
    const ref = reference(xs, 12, 0.5, 6);
    expect(got[1]).toBeCloseTo(ref.std, 4);
    expect(got.slice(3)).toEqual(ref.hist);
  });
});

describe('buildProbe', () => {
  it("outputs each weighted layer's activation, sharing the model's weights (no new tensors)", () => {
    const model = mlp();
    const n0 = tf.memory().numTensors;
    const probe = buildProbe(model);
    expect(tf.memory().numTensors).toBe(n0);
    expect(probe.names).toEqual(model.layers.map((l) => l.name));
    const x = tf.tensor2d([
      [1, -2],
      [0.5, 3],
    ]);
    const acts = tf.tidy(() => probe.run(x, false).map((a) => a.arraySync()));
    let h: tf.Tensor = x;
    model.layers.forEach((layer, i) => {
      const next = layer.apply(h) as tf.Tensor;
      if (h !== x) h.dispose();
      h = next;
      expect(acts[i]).toEqual(h.arraySync());
    });
    h.dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(n0);
    model.dispose();
  });

  it('leaves batch-norm moving statistics untouched in training mode', () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 3, inputShape: [2] }), tf.layers.batchNormalization(), tf.layers.dense({ units: 2 })],
    });
    const probe = buildProbe(model, true);
    expect(probe.names).toHaveLength(3);
    const stats = () => model.nonTrainableWeights.map((w) => Array.from(w.read().dataSync()));
    const before = stats();
    const x = tf.tensor2d([
      [1, 2],
      [3, -4],
      [5, 6],
    ]);
    tf.tidy(() => probe.run(x, true));
    expect(stats()).toEqual(before);
    tf.tidy(() => model.apply(x, { training: true }) as tf.Tensor); // the model itself does update them
    expect(stats()).not.toEqual(before);
    x.dispose();
    model.dispose();
  });
});

describe('ActivationStats callback', () => {
  it('records every `every`-th training batch, equal to the activations at after_pred; no leaks', async () => {
    const learn = new Learner(makeDls(3, 1), mlp(), { lossFunc: crossEntropyLoss, optFunc: SGD, lr: 0.5 });
    live.push(learn);
    const expected = new Map<number, ReturnType<typeof reference>[]>();
    class Witness extends Callback {
      override order = -30;
      after_pred() {
        const l = this.learn!;
        if (!l.training || l.trainIter % 2 !== 0) return;
        const acts = tf.tidy(() =>
          buildProbe(l.model)
            .run(l.xb[0], false)
            .map((a) => Array.from(a.dataSync())),
        );
        expected.set(
          l.trainIter,
          acts.map((a) => reference(a)),
        );
      }
    }
    const stats = new ActivationStats({ every: 2, readEvery: 2 });
    const seen: number[] = [];
    stats.subscribe((rs) => seen.push(...rs.map((r) => r.trainIter)));
    const n0 = tf.memory().numTensors;
    await learn.fit(3, { cbs: [stats, new Witness()] });
    expect(tf.memory().numTensors).toBe(n0);
    expect(stats.records.map((r) => r.trainIter)).toEqual([0, 2, 4, 6, 8]);
    expect(seen).toEqual([0, 2, 4, 6, 8]);
    expect(stats.layerNames).toHaveLength(3);
    stats.records.forEach((r) =>
      r.layers.forEach((ls, i) => {
        const ref = expected.get(r.trainIter)![i];
        expect(ls.mean).toBeCloseTo(ref.mean, 5);
        expect(ls.std).toBeCloseTo(ref.std, 5);
        expect(ls.nearZero).toBeCloseTo(ref.nearZero, 6);
        expect(Array.from(ls.hist)).toEqual(ref.hist);
      }),
    );
    const cd = stats.colorDim(0);
    expect(cd).toHaveLength(40);
    expect(cd[0]).toHaveLength(5);
    expect(cd[0][0]).toBeCloseTo(Math.log1p(stats.records[0].layers[0].hist[0]), 12);
    expect(stats.layerStats(1).mean).toHaveLength(5);
    stats.deadFraction(0).forEach((f) => expect(f).toBeGreaterThanOrEqual(0));
  });

  it('keeps at most maxRecords', async () => {
    const learn = new Learner(makeDls(3, 1), mlp(), { lossFunc: crossEntropyLoss, optFunc: SGD });
    live.push(learn);
    const stats = new ActivationStats({ maxRecords: 4, readEvery: 3 });
    await learn.fit(3, { cbs: [stats] });
    expect(stats.records.map((r) => r.trainIter)).toEqual([5, 6, 7, 8]);
  });
});
