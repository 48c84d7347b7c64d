// Kernels, GPU dispatches and queue submits per training step: on a real GPU tfjs-webgpu is
// dispatch-bound, so these counts explain the throughput more than any timing on a CPU can.
import * as tf from '@tensorflow/tfjs';
import type { Loop } from './compare';
import type { LoopOptions } from './loops';
import type { Workload } from './workloads';

export interface StepCounts {
  /** Kernels run through tfjs's engine (every backend; reshapes and casts included). */
  kernels: number;
  /** WebGPU compute dispatches (null on other backends). */
  dispatches: number | null;
  /** WebGPU queue submits (null on other backends). */
  submits: number | null;
}

type Patchable = Record<string, (...a: unknown[]) => unknown>;

/** Counts calls to `obj[key]` while `f` runs. */
async function counting(targets: [Patchable | null, string][], f: () => Promise<unknown>): Promise<(number | null)[]> {
  const counts = targets.map(([obj]) => (obj ? 0 : null));
  const originals = targets.map(([obj, key]) => obj?.[key]);
  targets.forEach(([obj, key], i) => {
    if (!obj) return;
    const original = originals[i]!;
    obj[key] = function (this: unknown, ...args: unknown[]) {
      counts[i]! += 1;
      return original.apply(this, args);
    };
  });
  try {
    await f();
  } finally {
    targets.forEach(([obj, key], i) => {
      if (obj) obj[key] = originals[i]!;
    });
  }
  return counts;
}

/** Per-step counts of `loop`: the difference between 2n and n steps, so set-up and reads at the ends cancel out. */
export async function countPerStep(w: Workload, loop: Loop, o: LoopOptions): Promise<StepCounts> {
  const engine = tf.engine() as unknown as Patchable;
  const backend = tf.getBackend() === 'webgpu' ? (tf.backend() as unknown as Patchable) : null;
  const measure = async (steps: number) => {
    const model = w.makeModel();
    try {
      return await counting(
        [
          [engine, 'runKernelFunc'],
          [backend, 'recordAndSubmit'],
          [backend, 'submitQueue'],
        ],
        () => loop(w, model, { ...o, steps }),
      );
    } finally {
      model.dispose();
    }
  };
  const n = o.readEvery * 2;
  const one = await measure(n);
  const two = await measure(2 * n);
  const per = (i: number) => (one[i] === null ? null : (two[i]! - one[i]!) / n);
  return { kernels: per(0)!, dispatches: per(1), submits: per(2) };
}

/**
 * Dispatches per step by the engine kernel that made them (outermost kernel name, and the
 * shader when a kernel runs several), from the difference between 2n and n steps as
 * countPerStep: where the dispatches go, to pick what to fuse next. webgpu only.
 */
export async function dispatchesByKernel(w: Workload, loop: Loop, o: LoopOptions): Promise<Record<string, number>> {
  const engine = tf.engine() as unknown as Patchable;
  const backend = tf.backend() as unknown as Patchable;
  const names: string[] = [];
  let counts = new Map<string, number>();
  const runKernelFunc = engine.runKernelFunc;
  const recordAndSubmit = backend.recordAndSubmit;
  engine.runKernelFunc = function (this: unknown, ...args: unknown[]) {
    names.push((args[0] as { kernelName?: string }).kernelName ?? 'customGrad');
    try {
      return runKernelFunc.apply(this, args);
    } finally {
      names.pop();
    }
  };
  backend.recordAndSubmit = function (this: unknown, ...args: unknown[]) {
    const shader = String((args[0] as { shaderKey?: string }).shaderKey ?? '?').split('_')[0];
    const key = `${names.join('>') || 'none'} [${shader}]`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return recordAndSubmit.apply(this, args);
  };
  const run = async (steps: number) => {
    counts = new Map();
    const model = w.makeModel();
    try {
      await loop(w, model, { ...o, steps });
    } finally {
      model.dispose();
    }
    return counts;
  };
  try {
    const n = o.readEvery * 2;
    const one = await run(n);
    const two = await run(2 * n);
    const per: Record<string, number> = {};
    for (const [k, v] of two) if (v !== (one.get(k) ?? 0)) per[k] = (v - (one.get(k) ?? 0)) / n;
    return per;
  } finally {
    engine.runKernelFunc = runKernelFunc;
    backend.recordAndSubmit = recordAndSubmit;
  }
}
