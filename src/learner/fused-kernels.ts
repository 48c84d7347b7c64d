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

/**
 * Kernel name: softmax cross entropy of logits `[bs, c]` (float32) against labels `[bs]` (int32),
 * averaged over the batch, as one scalar; a label outside [0, c) adds 0, as tfjs's oneHot gives
 * it no class. tfjs's ops take ~11 dispatches for this (logSoftmax, oneHot, product, sum, mean).
 */
export const SOFTMAX_CE_KERNEL = 'PlaygroundSoftmaxCrossEntropy';
/** Kernel name: its gradient, inputs {logits, labels, dy}: (softmax − onehot) · dy / bs, `[bs, c]` (zero rows for labels outside [0, c)). */
export const SOFTMAX_CE_GRAD_KERNEL = 'PlaygroundSoftmaxCrossEntropyGrad';

/** Whether the current backend runs sparse softmax cross entropy as its two kernels. */
export function hasFusedCrossEntropy(): boolean {
  return hasFusedKernel(SOFTMAX_CE_KERNEL) && hasFusedKernel(SOFTMAX_CE_GRAD_KERNEL);
}

/**
 * Mean softmax cross entropy through the two kernels, differentiable in the logits. The labels
 * are closed over, not an input: tfjs would otherwise want a gradient for them, a dispatch for
 * zeros; they are saved with the logits so that they outlive the caller's tidy until backprop.
 */
export function fusedSoftmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const op = tf.customGrad((x, save) => {
    (save as tf.GradSaveFunc)([x as tf.Tensor, labels]);
    const value = tf.engine().runKernel(SOFTMAX_CE_KERNEL, { logits: x as tf.Tensor, labels }) as tf.Scalar;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.engine().runKernel(SOFTMAX_CE_GRAD_KERNEL, { logits: saved[0], labels: saved[1], dy }) as tf.Tensor;
    return { value, gradFunc };
  });
  return op(logits) as tf.Scalar;
}

/** Kernel name: relu's gradient, inputs {dy, x}: dy · step(x), tfjs's formula (NaN where x is NaN), as one kernel instead of two. */
export const RELU_GRAD_KERNEL = 'PlaygroundReluGrad';

let reluGradient = false;

/**
 * Makes tfjs's Relu gradient run RELU_GRAD_KERNEL where the current backend has it registered
 * (tfjs's own gradient everywhere else, looked up at each backprop). Gradients are registered
 * per kernel for all backends, hence this wrapper rather than a backend-side override.
 */
export function useFusedReluGradient(): void {
  const original = tf.getGradient('Relu');
  if (reluGradient || !original) return;
  reluGradient = true;
  tf.registerGradient({
    ...original,
    gradFunc: (dy, saved, attrs) =>
      hasFusedKernel(RELU_GRAD_KERNEL)
        ? { x: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: dy as tf.Tensor, x: saved[0] }) as tf.Tensor }
        : original.gradFunc(dy, saved, attrs),
  });
}
