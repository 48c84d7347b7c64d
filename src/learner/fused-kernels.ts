// Fused optimizer steps: the contract between the engine and a backend that can run a whole
// step in one kernel, and whether a backend prefers one update over all parameters. tfjs-webgpu is dispatch-bound on a real GPU, so one dispatch instead of ~14
// per step matters there; the engine itself never depends on a backend package: a backend
// module (src/worker/fused-adam-webgpu.ts) registers the kernel, and without it the composite
// ops run instead, with the same numbers.
import * as tf from '@tensorflow/tfjs';

/** Kernel name: inputs {p, g, s} flat float32 (s = [gradAvg | sqrAvg], 2n), output [p' | gradAvg' | sqrAvg'] (3n). */
export const ADAM_STEP_KERNEL = 'PlaygroundAdamStep';

/** The scalars of one Adam step (fastai's formulas; `decay` = 1 − lr·wd, `stepSize` = lr / (1 − mom^step)). */
export interface AdamStepAttrs {
  mom: number;
  sqrMom: number;
  eps: number;
  decay: number;
  /** Elements before this index are decayed, the rest (parameters with `doWd` off, laid last) are not. */
  decayEnd: number;
  stepSize: number;
  /** 1 / (1 − sqrMom^step). */
  invDebias2: number;
}

/** Whether the current backend has a fused kernel registered under `name`. */
export function hasFusedKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

/** One fused Adam step over flat tensors; see ADAM_STEP_KERNEL for the layout. */
export function fusedAdamStep(p: tf.Tensor1D, g: tf.Tensor1D, s: tf.Tensor1D, attrs: AdamStepAttrs): tf.Tensor1D {
  return tf.engine().runKernel(ADAM_STEP_KERNEL, { p, g, s }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor1D;
}

const flatPreference = new Map<string, () => boolean>();

/**
 * Tells optimizers created on `backend` whether one update over all parameters beats one per
 * parameter there (asked at each optimizer's creation). Set by the code that tunes the backend.
 */
export function setFlatUpdatePreference(backend: string, prefers: () => boolean): void {
  flatPreference.set(backend, prefers);
}

/** False unless the current backend's tuning said so: fastai's per-parameter loop is the default. */
export function prefersFlatUpdates(): boolean {
  return flatPreference.get(tf.getBackend())?.() ?? false;
}
