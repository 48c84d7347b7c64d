// Run by fused-adam-webgpu.test.ts in a child Node process with WebGPU (Dawn on SwiftShader):
// the same Adam steps through the fused kernel and through the composite ops, on the webgpu
// backend, and what each costs in dispatches. Prints one JSON line.
import { create, globals } from 'webgpu';

Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });

const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-webgpu');
const { registerFusedAdamWebGpu } = await import('./fused-adam-webgpu');
const { Adam } = await import('../learner/optimizer');

if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu backend did not initialise');
registerFusedAdamWebGpu();
const backend = tf.backend() as unknown as { recordAndSubmit: (...a: unknown[]) => unknown };

const shapes = [[3, 4], [4], [2, 2, 2]];
// Seeds from 1: tfjs treats a seed of 0 as none.
const gradsAt = (step: number) => shapes.map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 10 * step + i + 1));

async function train(fused: boolean) {
  const params = shapes.map((s, i) => tf.tidy(() => tf.variable(tf.randomNormal(s, 0, 1, 'float32', i + 1))));
  const opt = Adam(params, { lr: 0.01, wd: 0.1 }, { fused });
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
const maxDiff = Math.max(...fused.values.map((v, i) => Math.abs(v - composite.values[i])));
console.log(JSON.stringify({ maxDiff, fused: fused.dispatches, composite: composite.dispatches, leaked: tf.memory().numTensors - before, n: fused.values.length }));
