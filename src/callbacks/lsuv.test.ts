// LSUV: after it, each Dense/Conv2D's output on the first batch has mean 0 and std 1; it leaks no
// tensor, leaves BatchNorm's moving statistics and the DataLoader's shuffle alone, and runs once.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../data/dataloader';
import { useCpuBackend } from '../learner/fixtures.test.util';
import { Learner, SGD, crossEntropyLoss } from '../learner';
import type { ModelIO } from '../models/kinds/kind';
import { layerListBuilder } from '../models/layer-list-builder';
import { LAYER_PRESETS } from '../models/layers/presets';
import { buildProbe } from './activation-probe';
import { LSUVInit, lsuvInit } from './lsuv';

beforeAll(useCpuBackend);
const live: tf.LayersModel[] = [];
afterEach(() => live.splice(0).forEach((m) => m.dispose()));

const MNIST: ModelIO = { inputs: 784, outputs: 10, imageShape: [28, 28, 1] };

/** MNIST-like data: n images of 28×28 in [0, 1], mostly dark, with random labels. */
function mnistLike(n: number, seed = 1): { x: Float32Array; y: Int32Array } {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
  const x = Float32Array.from({ length: n * 784 }, () => (rand() < 0.2 ? rand() : 0));
  const y = Int32Array.from({ length: n }, () => Math.floor(rand() * 10));
  return { x, y };
}

function model(presetId: string, init: 'glorot' | 'kaiming' | 'lsuv' = 'lsuv'): tf.LayersModel {
  const m = layerListBuilder({ kind: 'layers', stack: LAYER_PRESETS.find((p) => p.id === presetId)!.stack, init }, { ...MNIST, seed: 1 });
  live.push(m);
  return m;
}

/** Mean and unbiased std of each Dense/Conv2D output but the head's, on `x` (training mode). */
function layerStats(m: tf.LayersModel, x: tf.Tensor): Array<{ mean: number; std: number }> {
  const probe = buildProbe(m);
  const head = m.layers[m.layers.length - 1].name;
  const keep = probe.names.map((n) => ['Dense', 'Conv2D'].includes(m.getLayer(n).getClassName()) && n !== head);
  return tf.tidy(() =>
    probe
      .run(x, true)
      .filter((_, i) => keep[i])
      .map((a) => {
        const v = Array.from(a.dataSync());
        const mean = v.reduce((s, t) => s + t, 0) / v.length;
        return { mean, std: Math.sqrt(v.reduce((s, t) => s + (t - mean) ** 2, 0) / (v.length - 1)) };
      }),
  );
}

describe('lsuvInit', () => {
  it('on the deep MLP (8 × 50): every hidden Dense outputs mean ≈ 0, std ≈ 1; no tensor leaks', async () => {
    const m = model('deep-mlp');
    const { x } = mnistLike(256);
    const xb = tf.tensor(x, [256, 28, 28, 1]);
    const before = layerStats(m, xb);
    const n0 = tf.memory().numTensors;
    const results = await lsuvInit(m, xb);
    expect(tf.memory().numTensors).toBe(n0);
    expect(results).toHaveLength(8); // the head is left out
    const after = layerStats(m, xb);
    console.log('deep MLP, std before LSUV (kaiming):', before.map((s) => s.std.toFixed(3)).join(' '));
    console.log('deep MLP, std after LSUV:', after.map((s) => s.std.toFixed(4)).join(' '));
    console.log('deep MLP, LSUV passes per layer:', results.map((r) => r.iters).join(' '));
    for (const s of after) {
      expect(Math.abs(s.std - 1)).toBeLessThan(0.1);
      expect(Math.abs(s.mean)).toBeLessThan(0.01);
    }
    for (const r of results) expect(Math.abs(r.std - 1)).toBeLessThan(1e-3);
    xb.dispose();
  });

  it("with BatchNorm: the convs' outputs are normalised, BN's moving statistics untouched", async () => {
    const m = model('bn-cnn');
    const { x } = mnistLike(32, 2);
    const xb = tf.tensor(x, [32, 28, 28, 1]);
    const n0 = tf.memory().numTensors;
    const results = await lsuvInit(m, xb);
    expect(tf.memory().numTensors).toBe(n0);
    expect(results).toHaveLength(4);
    console.log('CNN + BatchNorm, std after LSUV:', results.map((r) => r.std.toFixed(4)).join(' '));
    for (const s of layerStats(m, xb)) {
      expect(Math.abs(s.std - 1)).toBeLessThan(0.1);
      expect(Math.abs(s.mean)).toBeLessThan(0.01);
    }
    for (const w of m.nonTrainableWeights) {
      const v = Array.from(w.read().dataSync());
      expect(v.every((t) => t === (w.name.includes('variance') ? 1 : 0))).toBe(true);
    }
    xb.dispose();
  });

  it('a ResBlock net: every conv, the 1×1 shortcut convs too', async () => {
    // the Small ResNet preset's first two blocks (all four take 30 s on the cpu backend)
    const stack = 'resblock(8) resblock(16, 2) globalavgpool';
    const m = layerListBuilder({ kind: 'layers', stack, init: 'lsuv' }, { ...MNIST, seed: 1 });
    live.push(m);
    const { x } = mnistLike(8, 3);
    const xb = tf.tensor(x, [8, 28, 28, 1]);
    const results = await lsuvInit(m, xb);
    expect(results).toHaveLength(2 * 2 + 2); // two convs per block, and each block changes the channels
    console.log('ResNet, std after LSUV:', results.map((r) => r.std.toFixed(4)).join(' '));
    for (const r of results) expect(Math.abs(r.std - 1)).toBeLessThan(0.1);
    xb.dispose();
  });
});

describe('LSUVInit (callback)', () => {
  it("at before_fit, on the first training batch; the DataLoader's epoch is put back; once per instance", async () => {
    const m = model('deep-mlp');
    const { x, y } = mnistLike(128, 4);
    const train = new DataLoader({ x, y, nFeatures: 784, imageShape: [28, 28, 1] }, { batchSize: 64, shuffle: true, seed: 5 });
    const valid = new DataLoader({ x, y, nFeatures: 784, imageShape: [28, 28, 1] }, { batchSize: 64 });
    const lsuv = new LSUVInit();
    // lr 0: the weights after the fit are LSUV's
    const learn = new Learner({ train, valid }, m, { lossFunc: crossEntropyLoss, optFunc: SGD, lr: 0, cbs: [lsuv] });
    await learn.fit(1);
    expect(lsuv.done).toBe(true);
    expect(lsuv.results).toHaveLength(8);
    expect(train.epoch).toBe(1); // one fit epoch: LSUV's look at the first batch did not count
    // the first batch of epoch 0, as LSUV saw it
    const order = train.order(0).subarray(0, 64);
    const first = new Float32Array(64 * 784);
    order.forEach((j, i) => first.set(x.subarray(j * 784, (j + 1) * 784), i * 784));
    const xb = tf.tensor(first, [64, 28, 28, 1]);
    for (const s of layerStats(m, xb)) expect(Math.abs(s.std - 1)).toBeLessThan(0.01);
    xb.dispose();
    const kept = m.getWeights().map((w) => Array.from(w.dataSync()));
    await learn.fit(1);
    expect(m.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(kept);
  });
});
