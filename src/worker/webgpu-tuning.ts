// What the playground changes in tfjs-webgpu, each measured on a real GPU (README "Benchmark"):
// on a big GPU tfjs-webgpu is bound by per-dispatch and per-submit costs and by a few serial kernels.
import * as tf from '@tensorflow/tfjs';
import { setFlatUpdatePreference } from '../learner/fused-kernels';
import { registerConv2DFilterGradWebGpu } from './conv2d-filter-grad-webgpu';
import { registerFlatCopiesWebGpu, useFlatCopies } from './flat-copy-webgpu';
import { registerFusedAdamWebGpu } from './fused-adam-webgpu';
import { registerLeadingSumWebGpu, useLeadingSum } from './leading-sum-webgpu';
import { registerMaxPoolGradWebGpu, useMaxPoolGradInOnePass } from './max-pool-grad-webgpu';
import { registerReluGradWebGpu, useReluGradKernel } from './relu-grad-webgpu';
import { registerSoftmaxCrossEntropyWebGpu, useFusedCrossEntropy } from './softmax-cross-entropy-webgpu';

/** Dispatches recorded before a queue submit (tfjs's default is 15): fewer submits, each of which costs on a big GPU. */
export const SUBMIT_BATCH_SIZE = 200;
export const SUBMIT_BATCH_FLAG = 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE';

/**
 * SwiftShader runs WebGPU on the CPU, where arithmetic and copies cost and dispatches do not: the
 * flat optimizer update is slower than the per-parameter one there, faster on a real GPU (README "Benchmark").
 */
export function isSoftwareAdapter(info: { vendor?: string; architecture?: string } | undefined): boolean {
  return info?.architecture === 'swiftshader';
}

/** Call after importing @tensorflow/tfjs-backend-webgpu; harmless where WebGPU is missing. */
export function tuneWebGpu(): void {
  registerFusedAdamWebGpu();
  registerConv2DFilterGradWebGpu();
  registerSoftmaxCrossEntropyWebGpu();
  registerFlatCopiesWebGpu();
  registerLeadingSumWebGpu();
  registerReluGradWebGpu();
  registerMaxPoolGradWebGpu();
  setFlatUpdatePreference(
    'webgpu',
    () => !isSoftwareAdapter((tf.backend() as unknown as { adapterInfo?: { architecture?: string } }).adapterInfo),
  );
  try {
    tf.env().set(SUBMIT_BATCH_FLAG, SUBMIT_BATCH_SIZE);
  } catch {
    // The flag exists only once the webgpu backend module is loaded.
  }
}

/**
 * The kernels that only cut dispatches (fused cross entropy, concat/split as copies, one-pass
 * leading-axes sums, relu's and max pooling's gradients in one pass) off — tfjs's own kernels
 * run, with the same numbers — or back on: for the benchmark's and the tests' comparisons.
 * They stay on for SwiftShader too: fewer passes over the data cost a CPU nothing extra (bench
 * `--cutters`, Learner on vs off there: mlp 1.06, cnn 1.01, bn-cnn 1.03).
 */
export function useDispatchCutters(on: boolean): void {
  useFusedCrossEntropy(on);
  useFlatCopies(on);
  useLeadingSum(on);
  useReluGradKernel(on);
  useMaxPoolGradInOnePass(on);
}
