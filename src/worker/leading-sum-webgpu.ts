// Sum over the leading axes (a bias gradient: dy [batch, …, units] summed down to [units]) in one
// dispatch. tfjs-webgpu reduces only over the innermost axis, so it first transposes the input
// (a dispatch and a copy of dy) and then reduces. This shader reads the columns in place with the
// same work split as tfjs's reduce (a workgroup per output, its threads striding over the rows,
// then the same tree in shared memory), so the sums come out in the same order. Other sums go to
// tfjs's kernel.
import * as tf from '@tensorflow/tfjs';
import { webgpu_util, type WebGPUBackend, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { overrideKernels } from './override-kernel';

class LeadingSumProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['x'];
  workgroupSize: [number, number, number];
  uniforms = 'rows : i32, cols : i32,';

  constructor(rows: number, cols: number, maxWorkgroupX: number) {
    this.outputShape = [cols];
    // tfjs's ReduceProgram's choice, so that each output is summed in its order.
    const threads = rows >= 32768 && maxWorkgroupX >= 512 ? 512 : rows >= 4096 ? 256 : 64;
    this.workgroupSize = [threads, 1, 1];
    this.shaderKey = `playground_leading_sum_${threads}`;
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, this.outputShape, [1, 1, 1]);
  }

  getUserCode(): string {
    const w = this.workgroupSize[0];
    return `
      var<workgroup> partial : array<f32, ${w}>;
      fn main(index : i32) {
        let col = index / ${w};
        let t = localId.x;
        var acc = 0.0;
        for (var k = i32(t); k < uniforms.rows && col < uniforms.cols; k += ${w}) {
          acc += x[k * uniforms.cols + col];
        }
        partial[t] = acc;
        workgroupBarrier();
        var size = min(u32(uniforms.rows), ${w}u);
        for (var current = size / 2u; size > 1u; current = size / 2u) {
          let interval = (size + 1u) / 2u;
          if (t < current) {
            acc += partial[t + interval];
            partial[t] = acc;
          }
          size = interval;
          workgroupBarrier();
        }
        if (t == 0u && col < uniforms.cols) { result[col] = acc; }
      }
    `;
  }
}

/** The number of leading axes summed, or 0 when `axis` is not a run of leading axes short of the last. */
function leadingAxes(axis: number | number[], rank: number, shape: number[]): number {
  const axes = tf.util.parseAxisParam(axis, shape).sort((a, b) => a - b);
  const k = axes.length;
  return k > 0 && k < rank && axes.every((a, i) => a === i) ? k : 0;
}

const sum = overrideKernels({
  Sum: (args) => {
    const { x } = args.inputs as unknown as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const backend = args.backend as WebGPUBackend & { shouldExecuteOnCPU(i: tf.TensorInfo[]): boolean };
    const k = leadingAxes(axis, x.shape.length, x.shape);
    const rows = tf.util.sizeFromShape(x.shape.slice(0, k));
    const cols = tf.util.sizeFromShape(x.shape.slice(k));
    const usable = k > 0 && x.dtype === 'float32' && rows > 0 && cols > 0 && cols < 65535 && !backend.shouldExecuteOnCPU([x]);
    if (!usable) return null;
    const program = new LeadingSumProgram(rows, cols, backend.device.limits.maxComputeWorkgroupSizeX);
    const out = backend.runWebGPUProgram(program, [x], 'float32', [
      { type: 'int32', data: [rows] },
      { type: 'int32', data: [cols] },
    ]);
    const shape = keepDims ? [...x.shape.slice(0, k).map(() => 1), ...x.shape.slice(k)] : x.shape.slice(k);
    return { ...out, shape }; // the same buffer under its shape, as tfjs's Reshape does
  },
});

/** Switches the one-pass sum off (tfjs's kernel runs) or back on: for comparisons. */
export function useLeadingSum(on: boolean): void {
  sum.use(on);
}

/** Replaces tfjs-webgpu's Sum where it reduces leading axes of a float32 tensor (idempotent). */
export function registerLeadingSumWebGpu(): void {
  sum.register();
}
