// Sparse softmax cross entropy on webgpu as two shaders (the contract is in src/learner/fused-kernels.ts):
// tfjs's ops run it as ~11 dispatches forward (max, sub, exp, sum, log, sub, oneHot, mul, sum,
// mean, neg) and ~7 backward; here one each. Forward: one workgroup, a thread per row (rows
// strided by the workgroup size), then a tree sum in shared memory — the loss is a scalar and the
// batch is small, so one workgroup is the whole job. Backward: a thread per row writes its row of
// (softmax − onehot) · dy / rows. Same formulas and order as tfjs's logSoftmax (x − max − log Σ exp).
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { SOFTMAX_CE_GRAD_KERNEL, SOFTMAX_CE_KERNEL } from '../learner/fused-kernels';

const THREADS = 256;

/** Row r's max and log Σ exp(x − max), as tfjs's logSoftmax computes them. */
const ROW_STATS = `
  fn rowStats(r : i32, cols : i32) -> vec2<f32> {
    var m = L[r * cols];
    for (var c = 1; c < cols; c++) { m = max(m, L[r * cols + c]); }
    var s = 0.0;
    for (var c = 0; c < cols; c++) { s += exp(L[r * cols + c] - m); }
    return vec2<f32>(m, log(s));
  }
`;

class LossProgram implements WebGPUProgram {
  outputShape = [1];
  shaderKey = 'playground_softmax_ce';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  variableNames = ['L', 'Y'];
  workgroupSize: [number, number, number] = [THREADS, 1, 1];
  uniforms = 'rows : i32, cols : i32,';

  getUserCode(): string {
    return `
      var<workgroup> partial : array<f32, ${THREADS}>;
      ${ROW_STATS}
      fn main(index : i32) {
        let t = i32(localId.x);
        var acc = 0.0;
        for (var r = t; r < uniforms.rows; r += ${THREADS}) {
          let label = Y[r];
          if (label >= 0 && label < uniforms.cols) {
            let st = rowStats(r, uniforms.cols);
            acc += (L[r * uniforms.cols + label] - st.x) - st.y; // log p(label)
          }
        }
        partial[t] = acc;
        workgroupBarrier();
        for (var h = ${THREADS / 2}; h > 0; h = h / 2) {
          if (t < h) { partial[t] += partial[t + h]; }
          workgroupBarrier();
        }
        if (t == 0) { result[0] = -(partial[0] / f32(uniforms.rows)); }
      }
    `;
  }
}

class GradProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'playground_softmax_ce_grad';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  variableNames = ['L', 'Y', 'DY'];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'rows : i32, cols : i32,';

  constructor(rows: number, cols: number) {
    this.outputShape = [rows, cols];
    this.dispatch = [Math.ceil(rows / this.workgroupSize[0]), 1, 1];
  }

  getUserCode(): string {
    return `
      ${ROW_STATS}
      fn main(index : i32) {
        let r = index;
        if (r < uniforms.rows) {
          let cols = uniforms.cols;
          let label = Y[r];
          let valid = label >= 0 && label < cols;
          let scale = DY[0] / f32(uniforms.rows);
          let st = rowStats(r, cols);
          for (var c = 0; c < cols; c++) {
            // exp(log p), as tfjs's logSoftmax gradient takes the softmax from its output.
            let p = select(0.0, exp((L[r * cols + c] - st.x) - st.y), valid);
            result[r * cols + c] = (p - select(0.0, 1.0, valid && c == label)) * scale;
          }
        }
      }
    `;
  }
}

let registered = false;

/** Registers both kernels for the webgpu backend (idempotent; no-op where it is not loaded). */
export function registerSoftmaxCrossEntropyWebGpu(): void {
  if (registered || !tf.findBackendFactory('webgpu')) return;
  registered = true;
  const dims = (logits: tf.TensorInfo) => [
    { type: 'int32', data: [logits.shape[0]] },
    { type: 'int32', data: [logits.shape[1]] },
  ];
  tf.registerKernel({
    kernelName: SOFTMAX_CE_KERNEL,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend }) => {
      const { logits, labels } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
      const out = (backend as WebGPUBackend).runWebGPUProgram(new LossProgram(), [logits, labels], 'float32', dims(logits));
      return { ...out, shape: [] }; // a scalar: the same buffer, as tfjs's Reshape does
    },
  });
  tf.registerKernel({
    kernelName: SOFTMAX_CE_GRAD_KERNEL,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend }) => {
      const { logits, labels, dy } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo; dy: tf.TensorInfo };
      const [rows, cols] = logits.shape;
      return (backend as WebGPUBackend).runWebGPUProgram(new GradProgram(rows, cols), [logits, labels, dy], 'float32', dims(logits));
    },
  });
}

/** Unregisters both kernels (tfjs's ops run) or registers them again: for the benchmark's and tests' comparisons. */
export function useFusedCrossEntropy(on: boolean): void {
  if (on) return registerSoftmaxCrossEntropyWebGpu();
  if (!registered) return;
  tf.unregisterKernel(SOFTMAX_CE_KERNEL, 'webgpu');
  tf.unregisterKernel(SOFTMAX_CE_GRAD_KERNEL, 'webgpu');
  registered = false;
}
