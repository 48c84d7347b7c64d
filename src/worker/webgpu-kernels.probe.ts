// Run by webgpu-kernels.test.ts in a child Node process with WebGPU (Dawn on SwiftShader):
// (1) the same Adam steps through the fused kernel, through the composite ops and parameter by
// parameter, on the webgpu backend, with one parameter exempt from weight decay (a bias: `doWd`
// off), and what each costs in dispatches; (2) conv2d filter gradients through the playground's
// kernel on webgpu against tfjs's cpu backend; (3) the kernels that cut dispatches (fused softmax cross
// entropy, concat/split as copies, leading-axes sums) against tfjs's own ops. Prints one JSON line.
import type * as TF from '@tensorflow/tfjs';
import { create, globals } from 'webgpu';

Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });

const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-webgpu');
const { tuneWebGpu } = await import('./webgpu-tuning');
const { Adam } = await import('../learner/optimizer');

if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu backend did not initialise');
tuneWebGpu();
const backend = tf.backend() as unknown as { recordAndSubmit: (...a: unknown[]) => unknown };

const shapes = [[3, 4], [4], [2, 2, 2]];
// Seeds from 1: tfjs treats a seed of 0 as none.
const gradsAt = (step: number) => shapes.map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 10 * step + i + 1));

async function train(fused: boolean, flat = true, exempt = true) {
  const params = shapes.map((s, i) => tf.tidy(() => tf.variable(tf.randomNormal(s, 0, 1, 'float32', i + 1))));
  const opt = Adam(params, { lr: 0.01, wd: 0.1 }, { flat, fused }); // flat by hand: SwiftShader's tuning prefers per-parameter
  if (exempt) opt.paramState[1].doWd = false; // laid last in the flat layout: the kernel decays a prefix only
  const dispatches: number[] = [];
  for (let step = 1; step <= 4; step++) {
    opt.setHypers({ lr: 0.01 * step });
    const grads = gradsAt(step);
    const stepGrads = step === 4 ? [grads[0], null, grads[2]] : grads; // step 4: one parameter without a gradient
    const original = backend.recordAndSubmit;
    let count = 0;
    backend.recordAndSubmit = function (this: unknown, ...a: unknown[]) {
      count += 1;
      return original.apply(this, a);
    };
    opt.step(stepGrads);
    backend.recordAndSubmit = original;
    dispatches.push(count);
    tf.dispose(grads);
  }
  const values = await Promise.all(params.map((p) => p.data()));
  opt.dispose();
  tf.dispose(params);
  return { values: values.flatMap((v) => Array.from(v)), dispatches };
}

const before = tf.memory().numTensors;
const fused = await train(true);
const composite = await train(false);
const perParam = await train(false, false);
const maxDiff = Math.max(...fused.values.map((v, i) => Math.abs(v - composite.values[i])));
const maxDiffPerParam = Math.max(...fused.values.map((v, i) => Math.abs(v - perParam.values[i])));
const decayedToo = await train(true, true, false);
const exemptShift = Math.max(...[12, 13, 14, 15].map((i) => Math.abs(fused.values[i] - decayedToo.values[i]))); // parameter 1's elements
const leaked = tf.memory().numTensors - before;

// SwiftShader (the driver here) is a CPU: the tuning keeps fastai's per-parameter loop on it.
const probeParam = tf.tidy(() => tf.variable(tf.zeros([1])));
const defaultFlat = (Adam([probeParam]) as unknown as { flat: boolean }).flat;
probeParam.dispose();

// Filter gradients of conv2d (valid/same padding, strides 1 and 2, 1 and 3 input channels).
const convCases = [
  { x: [4, 10, 10, 1], f: [3, 3, 1, 8], strides: 1, pad: 'valid' },
  { x: [2, 9, 9, 3], f: [3, 3, 3, 4], strides: 2, pad: 'same' },
  { x: [3, 8, 7, 2], f: [2, 3, 2, 5], strides: 1, pad: 'same' },
] as const;
const values = (shape: readonly number[], seed: number) =>
  Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => Math.sin(seed * 1000 + i * 0.37));
async function filterGrad(c: (typeof convCases)[number]) {
  const x = tf.tensor4d(values(c.x, 1), c.x as [number, number, number, number]);
  const f = tf.tensor4d(values(c.f, 2), c.f as [number, number, number, number]);
  const dw = tf.grad((w) =>
    tf
      .conv2d(x, w as TF.Tensor4D, c.strides, c.pad)
      .square()
      .sum(),
  )(f);
  const out = Array.from(await dw.data());
  tf.dispose([x, f, dw]);
  return out;
}
const convDiffs: number[] = [];
// The playground kernel shows as an engine-level BatchMatMul (tfjs's conv kernels call no engine kernel).
const engine = tf.engine() as unknown as { runKernelFunc: (p: { kernelName?: string }) => unknown };
const runKernelFunc = engine.runKernelFunc;
const matMuls: number[] = [];
for (const c of convCases) {
  await tf.setBackend('webgpu');
  let count = 0;
  engine.runKernelFunc = function (this: unknown, p: { kernelName?: string }) {
    if (p.kernelName === 'BatchMatMul') count += 1;
    return runKernelFunc.call(this, p);
  };
  const gpu = await filterGrad(c);
  engine.runKernelFunc = runKernelFunc;
  matMuls.push(count);
  await tf.setBackend('cpu');
  const cpu = await filterGrad(c);
  const scale = Math.max(...cpu.map(Math.abs));
  convDiffs.push(Math.max(...gpu.map((v, i) => Math.abs(v - cpu[i]))) / scale);
}
// (3) The dispatch cutters (softmax-cross-entropy-, flat-copy-, leading-sum-, relu-grad-, max-pool-grad-webgpu.ts), each against tfjs's own
// kernels on the same backend: a small MLP (784-32-32-10 shaped) trained 12 steps both ways, and the loss's gradient.
const { useDispatchCutters: useCutters } = await import('./webgpu-tuning');
const { crossEntropyLoss } = await import('../learner/losses');
await tf.setBackend('webgpu');
const xs = [0, 1, 2].map((i) => tf.randomUniform([16, 40], 0, 1, 'float32', 100 + i));
// Labels 10 and −1 are outside the classes: tfjs's oneHot gives them no class, the kernels must too.
const ys = [0, 1, 2].map((i) => tf.tensor1d([10, -1, ...Array.from({ length: 14 }, (_, j) => (j * 3 + i) % 10)], 'int32'));
async function mlpCurve(on: boolean) {
  useCutters(on);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [40], units: 32, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  const params = model.trainableWeights.map((v) => v.read() as TF.Variable);
  const opt = Adam(params, { lr: 0.01 }, { flat: true }); // flat as on a real GPU: its concats and splits are what the copies replace
  const losses: TF.Tensor[] = [];
  const dispatches: number[] = [];
  const original = backend.recordAndSubmit;
  for (let i = 0; i < 12; i++) {
    let count = 0;
    backend.recordAndSubmit = function (this: unknown, ...a: unknown[]) {
      count += 1;
      return original.apply(this, a);
    };
    const { value, grads } = tf.variableGrads(() => crossEntropyLoss(model.apply(xs[i % 3]) as TF.Tensor, ys[i % 3]), params);
    opt.step(params.map((p) => grads[p.name]));
    backend.recordAndSubmit = original;
    dispatches.push(count);
    tf.dispose(Object.values(grads));
    losses.push(value);
  }
  const stacked = tf.stack(losses);
  const curve = Array.from(await stacked.data());
  tf.dispose([stacked, ...losses]);
  opt.dispose();
  model.dispose();
  return { curve, dispatches };
}
const beforeCutters = tf.memory().numTensors;
const cut = await mlpCurve(true);
const plain = await mlpCurve(false);
async function lossAndGrad(on: boolean) {
  useCutters(on);
  const logits = tf.randomNormal([37, 10], 0, 3, 'float32', 7);
  const { value, grad } = tf.valueAndGrad((p: TF.Tensor) => crossEntropyLoss(p, ys[0].concat(ys[1]).concat(ys[2]).slice(0, 37)))(logits);
  const out = { loss: (await value.data())[0], grad: Array.from(await grad.data()) };
  tf.dispose([logits, value, grad]);
  return out;
}
// Relu's gradient at the edges: 0 (no gradient, as tfjs's step), negative, positive, NaN (kept).
async function reluGrad(on: boolean) {
  useCutters(on);
  const x = tf.tensor1d([-1, 0, 2, NaN, 3]);
  const dx = tf.grad((t: TF.Tensor) =>
    tf
      .relu(t)
      .mul(tf.tensor1d([1, 2, 3, 4, 5]))
      .sum(),
  )(x);
  const out = Array.from(await dx.data()).map(String);
  tf.dispose([x, dx]);
  return out;
}
// Max pooling's gradient, with ties (values rounded to a few levels) and overlapping windows.
async function poolGrads(on: boolean) {
  useCutters(on);
  const out: number[] = [];
  for (const [size, stride, pad] of [
    [2, 2, 'valid'],
    [3, 1, 'same'],
    [3, 2, 'same'],
  ] as const) {
    const x = tf.tidy(() => tf.randomUniform([2, 7, 6, 3], 0, 4, 'float32', 11).round()) as TF.Tensor4D;
    const w = tf.tidy(() => tf.randomNormal(tf.maxPool(x, size, stride, pad).shape, 0, 1, 'float32', 12));
    const dx = tf.grad((t: TF.Tensor) =>
      tf
        .maxPool(t as TF.Tensor4D, size, stride, pad)
        .mul(w)
        .sum(),
    )(x);
    out.push(...(await dx.data()));
    tf.dispose([x, w, dx]);
  }
  return out;
}
const poolCut = await poolGrads(true);
const poolPlain = await poolGrads(false);
const reluCut = await reluGrad(true);
const reluPlain = await reluGrad(false);
const ceCut = await lossAndGrad(true);
const cePlain = await lossAndGrad(false);
useCutters(true);
const cutLeaked = tf.memory().numTensors - beforeCutters;
tf.dispose([...xs, ...ys]);
const maxAbs = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

console.log(
  JSON.stringify({
    curveDiff: maxAbs(cut.curve, plain.curve),
    curveLength: cut.curve.length,
    curveDrop: plain.curve[0] - plain.curve[11],
    cutDispatches: cut.dispatches,
    plainDispatches: plain.dispatches,
    ceLossDiff: Math.abs(ceCut.loss - cePlain.loss),
    ceGradDiff: maxAbs(ceCut.grad, cePlain.grad),
    cutLeaked,
    reluCut,
    reluPlain,
    poolGradDiff: maxAbs(poolCut, poolPlain),
    poolGradSize: poolCut.length,
    poolGradNonZero: poolCut.filter((v) => v !== 0).length,
    maxDiff,
    maxDiffPerParam,
    exemptShift,
    fused: fused.dispatches,
    composite: composite.dispatches,
    leaked,
    n: fused.values.length,
    convDiffs,
    matMuls,
    defaultFlat,
  }),
);
