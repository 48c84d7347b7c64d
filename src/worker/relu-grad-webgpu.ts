// Relu's gradient on webgpu as one elementwise shader (the contract is in src/learner/fused-kernels.ts):
// tfjs computes dy · step(x) as two dispatches (Step, then Multiply) and a tensor in between, on
// every relu layer of every backward pass. Same formula here, per element: dy · (x > 0 ? 1 : 0),
// NaN where x is NaN (tfjs's step keeps NaN).
import * as tf from '@tensorflow/tfjs';
import { webgpu_util, type WebGPUBackend, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { RELU_GRAD_KERNEL, useFusedReluGradient } from '../learner/fused-kernels';

class ReluGradProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'playground_relu_grad';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['dy', 'x'];
  workgroupSize: [number, number, number] = [128, 1, 1];
  size = true;

  constructor(shape: number[]) {
    this.outputShape = shape;
    this.dispatchLayout = webgpu_util.flatDispatchLayout(shape);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, shape, this.workgroupSize);
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let v = x[index];
          let s = select(select(0.0, 1.0, v > 0.0), v, isnan(v));
          result[index] = dy[index] * s;
        }
      }
    `;
  }
}

let registered = false;

/** Registers the kernel for the webgpu backend and routes tfjs's Relu gradient to it (idempotent). */
export function registerReluGradWebGpu(): void {
  if (registered || !tf.findBackendFactory('webgpu')) return;
  registered = true;
  useFusedReluGradient();
  tf.registerKernel({
    kernelName: RELU_GRAD_KERNEL,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend }) => {
      const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
      return (backend as WebGPUBackend).runWebGPUProgram(new ReluGradProgram(x.shape), [dy, x], 'float32');
    },
  });
}

/** Unregisters the kernel (tfjs's gradient runs) or registers it again: for comparisons. */
export function useReluGradKernel(on: boolean): void {
  if (on) return registerReluGradWebGpu();
  if (!registered) return;
  tf.unregisterKernel(RELU_GRAD_KERNEL, 'webgpu');
  registered = false;
}
