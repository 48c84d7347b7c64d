// The layer-list builder: its tfjs layers are the kind's plan (classes, shapes, parameters), it
// trains, its initialisations have the stds they claim, and GeneralRelu computes miniai's numbers
// and survives a save and load.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { planModel } from './kinds/catalog';
import type { ModelIO } from './kinds/kind';
import type { InitName, LayersSetup } from './kinds/layers';
import { GeneralRelu, LAYER_BUILDERS, layerListBuilder } from './layer-list-builder';
import { LAYER_PRESETS } from './layers/presets';
import { LAYER_TYPES } from './layers/layer-types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const live: tf.LayersModel[] = [];
afterEach(() => live.splice(0).forEach((m) => m.dispose()));

const MNIST: ModelIO = { inputs: 784, outputs: 10, imageShape: [28, 28, 1] };
const TABLE: ModelIO = { inputs: 2, outputs: 3, imageShape: null };
const setup = (stack: string, init: InitName = 'glorot'): LayersSetup => ({ kind: 'layers', stack, init });

function build(stack: string, io: ModelIO, init: InitName = 'glorot', seed = 1): tf.LayersModel {
  const model = layerListBuilder(setup(stack, init), { ...io, seed });
  live.push(model);
  return model;
}

/** The built model's layers as the plan writes them (the functional model's InputLayer left out). */
const layersOf = (model: tf.LayersModel) =>
  model.layers
    .filter((l) => l.getClassName() !== 'InputLayer')
    .map((l) => ({ kind: l.getClassName(), outputShape: l.outputShape, params: l.countParams() }));

/** A list holding every layer type of the registry (images). */
const EVERY_TYPE =
  'conv(4, 5, 2) bn2d relu leakyrelu(0.2) gelu tanh sigmoid generalrelu(0.1, 0.4, 6) dropout(0.25) avgpool conv(6, 2, 1, 0) ' +
  'resblock(4) resblock(8, 2) resblock(8, 2, 5) maxpool globalavgpool flatten bn1d linear(12) relu dropout';

describe('layerListBuilder', () => {
  it('has a builder for every layer type of the registry, and no other', () => {
    expect(Object.keys(LAYER_BUILDERS).sort()).toEqual(LAYER_TYPES.map((t) => t.type).sort());
  });

  const cases: Array<[string, string, ModelIO]> = [
    ...LAYER_PRESETS.map((p): [string, string, ModelIO] => [`${p.id} on MNIST`, p.stack, MNIST]),
    ...LAYER_PRESETS.filter((p) => planModel(setup(p.stack), TABLE).length > 0).map((p): [string, string, ModelIO] => [
      `${p.id} on a table`,
      p.stack,
      TABLE,
    ]),
    ['every layer type on MNIST', EVERY_TYPE, MNIST],
    [
      'odd-sized colour images through ResBlocks (ceil-mode pool)',
      'resblock(3, 2) resblock(5, 2, 1) flatten',
      { inputs: 15 * 9 * 3, outputs: 4, imageShape: [15, 9, 3] },
    ],
    ['rows: every flat layer type', 'flatten linear(16) bn1d relu leakyrelu gelu tanh sigmoid generalrelu dropout linear(8)', TABLE],
  ];

  it.each(cases)('%s: the built layers are the plan', (_name, stack, io) => {
    const plan = planModel(setup(stack), io);
    expect(plan.length).toBeGreaterThan(0);
    const model = build(stack, io);
    expect(layersOf(model)).toEqual(plan);
    expect(model.countParams()).toBe(plan.reduce((s, l) => s + l.params, 0));
  });
});

/** Mean and (population) std of a tensor's values. */
function stats(t: tf.Tensor): { mean: number; std: number } {
  const v = Array.from(t.dataSync());
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) };
}

/** The first layer of `model` with this class name. */
const layerOf = (model: tf.LayersModel, kind: string, nth = 0) => model.layers.filter((l) => l.getClassName() === kind)[nth];

describe('training and inference', () => {
  it('a forward pass and a gradient step run on every layer type: logits of the right shape, a finite loss, weights moved', () => {
    const model = build(EVERY_TYPE, MNIST, 'kaiming');
    const x = tf.randomNormal([4, 28, 28, 1], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.tensor1d([1, 2, 3, 4], 'int32'), 10);
    const before = model.trainableWeights.map((w) => w.read().clone());
    const opt = tf.train.sgd(0.1);
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), true)!;
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    expect((model.predict(x) as tf.Tensor).shape).toEqual([4, 10]);
    const moved = model.trainableWeights.filter((w, i) => tf.any(tf.notEqual(w.read(), before[i])).dataSync()[0]);
    expect(moved.length).toBeGreaterThan(0);
    tf.dispose([x, y, loss, ...before]);
    opt.dispose();
  });

  it("BatchNorm's moving stats follow PyTorch's momentum in training mode and stay put in inference", () => {
    const model = build('bn1d', { inputs: 2, outputs: 1, imageShape: null });
    const bn = layerOf(model, 'BatchNormalization') as tf.layers.Layer & { movingMean: tf.LayerVariable; movingVariance: tf.LayerVariable };
    const x = tf.tensor2d([
      [1, 10],
      [3, 20],
    ]);
    tf.dispose(model.apply(x, { training: false }) as tf.Tensor);
    expect(Array.from(bn.movingMean.read().dataSync())).toEqual([0, 0]);
    tf.dispose(model.apply(x, { training: true }) as tf.Tensor);
    // running = 0.9 · running + 0.1 · batch (PyTorch's momentum 0.1)
    const mean = Array.from(bn.movingMean.read().dataSync());
    expect(mean[0]).toBeCloseTo(0.2, 6);
    expect(mean[1]).toBeCloseTo(1.5, 6);
    // tfjs moves the variance by the batch's biased variance (PyTorch by the unbiased one: 2 and 50 here)
    const variance = Array.from(bn.movingVariance.read().dataSync());
    expect(variance[0]).toBeCloseTo(0.9 + 0.1 * 1, 6);
    expect(variance[1]).toBeCloseTo(0.9 + 0.1 * 25, 5);
    x.dispose();
  });

  it('under the Learner, one training batch moves the moving stats once; validation does not', async () => {
    const { Learner, SGD, crossEntropyLoss } = await import('../learner');
    const model = build('bn1d relu', { inputs: 2, outputs: 2, imageShape: null });
    const bn = layerOf(model, 'BatchNormalization') as tf.layers.Layer & { movingMean: tf.LayerVariable };
    const batch = () => [
      tf.tensor2d([
        [1, 10],
        [3, 20],
      ]),
      tf.tensor1d([0, 1], 'int32'),
    ];
    const dls = { train: [batch()], valid: [batch()] };
    const learn = new Learner(dls, model, { lossFunc: crossEntropyLoss, optFunc: SGD, lr: 0.1 });
    await learn.fit(1);
    const mean = Array.from(bn.movingMean.read().dataSync());
    expect(mean[0]).toBeCloseTo(0.2, 6);
    expect(mean[1]).toBeCloseTo(1.5, 6);
    tf.dispose([...dls.train.flat(), ...dls.valid.flat()]);
  });

  it('Dropout drops in training only', () => {
    const model = build('dropout(0.5)', { inputs: 200, outputs: 1, imageShape: null });
    const probe = tf.model({ inputs: model.inputs, outputs: layerOf(model, 'Dropout').output as tf.SymbolicTensor });
    const x = tf.ones([2, 200]);
    const train = (probe.apply(x, { training: true }) as tf.Tensor).dataSync();
    const infer = (probe.apply(x, { training: false }) as tf.Tensor).dataSync();
    expect(Array.from(infer).every((v) => v === 1)).toBe(true);
    expect(new Set(train)).toEqual(new Set([0, 2]));
    x.dispose();
  });
});

describe('initialisation', () => {
  const kernelStats = (stack: string, io: ModelIO, init: InitName, kind: string) => {
    const model = build(stack, io, init);
    const [kernel, bias] = layerOf(model, kind).getWeights();
    return { ...stats(kernel), biasMax: Math.max(...Array.from(bias.dataSync()).map(Math.abs)) };
  };
  const ROWS_1000: ModelIO = { inputs: 1000, outputs: 10, imageShape: null };
  const IMAGES_64: ModelIO = { inputs: 8 * 8 * 64, outputs: 10, imageShape: [8, 8, 64] };

  it.each([
    ['kaiming', 'a Dense 1000 → 1000', 'linear(1000)', ROWS_1000, 'Dense', Math.sqrt(2 / 1000)],
    ['kaiming', 'a 3×3 conv 64 → 64', 'conv(64) flatten', IMAGES_64, 'Conv2D', Math.sqrt(2 / (9 * 64))],
    ['lsuv', 'a Dense 1000 → 1000 (LSUV starts from Kaiming)', 'linear(1000)', ROWS_1000, 'Dense', Math.sqrt(2 / 1000)],
    ['glorot', 'a Dense 1000 → 1000', 'linear(1000)', ROWS_1000, 'Dense', Math.sqrt(2 / 2000)],
    ['glorot', 'a 3×3 conv 64 → 64', 'conv(64) flatten', IMAGES_64, 'Conv2D', Math.sqrt(2 / (9 * 64 + 9 * 64))],
  ] as const)('%s: %s has its std within 5 percent of the claim, mean ≈ 0, zero biases', (init, _what, stack, io, kind, expected) => {
    const s = kernelStats(stack, io, init, kind);
    console.log(`${init} ${kind}: std / expected = ${(s.std / expected).toFixed(4)}`);
    expect(Math.abs(s.std / expected - 1)).toBeLessThan(0.05);
    expect(Math.abs(s.mean)).toBeLessThan(0.01 * expected);
    expect(s.biasMax).toBe(0);
  });

  it('the head stays Glorot-uniform under Kaiming', () => {
    const model = build('linear(1000)', { inputs: 10, outputs: 1000, imageShape: null }, 'kaiming');
    const head = model.layers[model.layers.length - 1];
    const { std } = stats(head.getWeights()[0]);
    expect(Math.abs(std / Math.sqrt(2 / 2000) - 1)).toBeLessThan(0.05);
  });

  it('the seed makes the weights reproducible; another seed changes them', () => {
    const weights = (seed: number) =>
      build(LAYER_PRESETS[4].stack, MNIST, 'kaiming', seed)
        .getWeights()
        .map((w) => Array.from(w.dataSync()));
    const a = weights(7);
    expect(weights(7)).toEqual(a);
    expect(weights(8)[0]).not.toEqual(a[0]);
    // each initialiser its own seed: two equal layers do not start equal
    const model = build('linear(8) linear(8)', { inputs: 8, outputs: 1, imageShape: null }, 'kaiming', 3);
    const [k1, k2] = model.layers.filter((l) => l.getClassName() === 'Dense').map((l) => Array.from(l.getWeights()[0].dataSync()));
    expect(k1).not.toEqual(k2);
  });
});

describe('GeneralRelu', () => {
  const xs = [-10, -1, 0, 0.5, 3, 10];
  const run = (leak: number, sub: number, maxv: number) => {
    const x = tf.tensor1d(xs);
    const y = new GeneralRelu({ leak, sub, maxv }).apply(x) as tf.Tensor;
    const out = Array.from(y.dataSync());
    tf.dispose([x, y]);
    return out;
  };

  it("computes miniai's leaky_relu(x, leak) - sub, clamped at maxv when maxv > 0", () => {
    // leaky: -1, -0.1, 0, 0.5, 3, 10; minus 0.4
    const expected6 = [-1.4, -0.5, -0.4, 0.1, 2.6, 6];
    const expected0 = [-1.4, -0.5, -0.4, 0.1, 2.6, 9.6];
    run(0.1, 0.4, 6).forEach((v, i) => expect(v).toBeCloseTo(expected6[i], 6));
    run(0.1, 0.4, 0).forEach((v, i) => expect(v).toBeCloseTo(expected0[i], 6));
    run(0, 0, 0).forEach((v, i) => expect(v).toBeCloseTo(Math.max(0, xs[i]), 6));
  });

  it('a saved model with GeneralRelu loads again and computes the same', async () => {
    const model = build('flatten generalrelu(0.2, 0.3, 1.5) linear(4)', { inputs: 6, outputs: 2, imageShape: null });
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    live.push(loaded);
    const relu = layerOf(loaded, 'GeneralRelu') as GeneralRelu;
    expect([relu.leak, relu.sub, relu.maxv]).toEqual([0.2, 0.3, 1.5]);
    const x = tf.randomNormal([3, 6], 0, 2, 'float32', 5);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
  });
});
