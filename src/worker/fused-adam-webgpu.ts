// fastai's Adam step as one WebGPU compute shader (the contract is in src/learner/fused-kernels.ts).
// Each invocation updates one element: both moments and the parameter, written to one output
// [p' | gradAvg' | sqrAvg'] (tfjs programs have a single output; three inputs keep it within
// the 4 storage buffers that WebGPU's compatibility mode allows). Weight decay applies to the
// elements before `decayEnd`: the optimizer lays the parameters exempt from it (biases, norm
// layers) last, so the mask travels as one uniform rather than a fifth buffer.
import * as tf from '@tensorflow/tfjs';
import { webgpu_util, type WebGPUBackend, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { ADAM_STEP_KERNEL, type AdamStepAttrs } from '../learner/fused-kernels';

class AdamStepProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'playground_adam_step';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['P', 'G', 'S'];
  workgroupSize: [number, number, number] = [128, 1, 1];
  uniforms =
    'n : i32, decayEnd : i32, mom : f32, dampMom : f32, sqrMom : f32, dampSqrMom : f32, eps : f32, decay : f32, stepSize : f32, invDebias2 : f32,';

  constructor(n: number) {
    this.outputShape = [3 * n];
    this.dispatchLayout = webgpu_util.flatDispatchLayout([n]);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, [n], this.workgroupSize);
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        let n = uniforms.n;
        if (index < n) {
          let g = G[index];
          let m = S[index] * uniforms.mom + g * uniforms.dampMom;
          let v = S[index + n] * uniforms.sqrMom + g * g * uniforms.dampSqrMom;
          let denom = sqrt(v * uniforms.invDebias2) + uniforms.eps;
          let decay = select(1.0, uniforms.decay, index < uniforms.decayEnd);
          result[index] = P[index] * decay - m / denom * uniforms.stepSize;
          result[index + n] = m;
          result[index + 2 * n] = v;
        }
      }
    `;
  }
}

let registered = false;

/** Registers the fused Adam step for the webgpu backend (idempotent). */
export function registerFusedAdamWebGpu(): void {
  if (registered || tf.getKernel(ADAM_STEP_KERNEL, 'webgpu')) return;
  registered = true;
  tf.registerKernel({
    kernelName: ADAM_STEP_KERNEL,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { p, g, s } = inputs as { p: tf.TensorInfo; g: tf.TensorInfo; s: tf.TensorInfo };
      const a = attrs as unknown as AdamStepAttrs;
      const n = p.shape[0];
      const uniforms = [
        { type: 'int32', data: [n] },
        { type: 'int32', data: [a.decayEnd] },
        { type: 'float32', data: [a.mom] },
        { type: 'float32', data: [1 - a.mom] },
        { type: 'float32', data: [a.sqrMom] },
        { type: 'float32', data: [1 - a.sqrMom] },
        { type: 'float32', data: [a.eps] },
        { type: 'float32', data: [a.decay] },
        { type: 'float32', data: [a.stepSize] },
        { type: 'float32', data: [a.invDebias2] },
      ];
      return (backend as WebGPUBackend).runWebGPUProgram(new AdamStepProgram(n), [p, g, s], 'float32', uniforms);
    },
  });
}
