// The benchmark's non-timing checks: synchronous GPU reads during a fit, and memory across epochs.
import * as tf from '@tensorflow/tfjs';
import { Adam, Callback, Learner, crossEntropyLoss } from '../src/learner';
import type { Workload } from './workloads';

/** Counts calls to dataSync / arraySync / the engine's readSync while `f` runs. */
export async function countSyncReads(f: () => Promise<void>): Promise<number> {
  let count = 0;
  const proto = tf.Tensor.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const engine = tf.engine() as unknown as Record<string, (...a: unknown[]) => unknown>;
  const patched: [Record<string, (...a: unknown[]) => unknown>, string, (...a: unknown[]) => unknown][] = [];
  for (const [target, key] of [
    [proto, 'dataSync'],
    [proto, 'arraySync'],
    [engine, 'readSync'],
  ] as const) {
    const original = target[key];
    patched.push([target, key, original]);
    target[key] = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    };
  }
  try {
    await f();
  } finally {
    for (const [target, key, original] of patched) target[key] = original;
  }
  return count;
}

export interface MemoryCheck {
  numTensors: number[];
  numBytes: number[];
  stable: boolean;
}

/** numTensors and bytes after each of 5 epochs (read once the Recorder has read the epoch back). */
export async function memoryAcrossEpochs(w: Workload, epochs = 5): Promise<MemoryCheck> {
  const numTensors: number[] = [];
  const numBytes: number[] = [];
  class Probe extends Callback {
    override order = 100;
    after_epoch() {
      const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      numTensors.push(m.numTensors);
      numBytes.push(m.numBytesInGPU ?? m.numBytes);
    }
  }
  const model = w.makeModel();
  const half = Math.max(1, w.batches.length >> 1);
  const learn = new Learner({ train: w.batches.slice(0, half), valid: w.batches.slice(half) }, model, {
    lossFunc: crossEntropyLoss,
    optFunc: Adam,
    cbs: [Probe],
  });
  await learn.fit(epochs);
  learn.opt?.dispose();
  model.dispose();
  return { numTensors, numBytes, stable: numTensors[0] === numTensors[epochs - 1] && numBytes[0] === numBytes[epochs - 1] };
}
