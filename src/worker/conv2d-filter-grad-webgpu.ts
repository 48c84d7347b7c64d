// Conv2D's filter gradient on webgpu as im2col (one shader) + one matrix product. tfjs-webgpu's own kernel
// gives one GPU thread per filter weight, each summing over batch × output pixels: 288 threads
// looping 86,528 times for a 3×3×1×32 first layer at batch 128 — a few threads doing all the
// work. As a product [KH·KW·CI, B·OH·OW] × [B·OH·OW, CO], tfjs picks its split-K matmul and
// the whole GPU shares the sum. Same numbers; other cases go to tfjs's kernel.
import * as tf from '@tensorflow/tfjs';
import { webgpu_util, type WebGPUBackend, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { overrideKernels } from './override-kernel';

/** Beyond this many patch values (im2col's copy) the extra memory is not worth it. */
const MAX_PATCH_VALUES = 1 << 25;

interface Attrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Patches as rows: out[(b·OH + oh)·OW + ow, (kh·KW + kw)·CI + ci] = x[b, oh·sh + kh − top, ow·sw + kw − left, ci], 0 outside. */
class Im2ColProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'playground_im2col';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['X'];
  workgroupSize: [number, number, number] = [128, 1, 1];
  size = true;
  uniforms = 'inDims : vec3<i32>, outHW : vec2<i32>, kernelW : i32, stride : vec2<i32>, pad : vec2<i32>,';

  constructor(rows: number, cols: number) {
    this.outputShape = [rows, cols];
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, this.outputShape, this.workgroupSize);
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let cols = uniforms.outShape[1];
          let row = index / cols;
          let col = index - row * cols;
          let inH = uniforms.inDims.x;
          let inW = uniforms.inDims.y;
          let inC = uniforms.inDims.z;
          let ow = row % uniforms.outHW.y;
          let oh = (row / uniforms.outHW.y) % uniforms.outHW.x;
          let b = row / (uniforms.outHW.x * uniforms.outHW.y);
          let ci = col % inC;
          let kw = (col / inC) % uniforms.kernelW;
          let kh = col / (inC * uniforms.kernelW);
          let ih = oh * uniforms.stride.x + kh - uniforms.pad.x;
          let iw = ow * uniforms.stride.y + kw - uniforms.pad.y;
          var value = 0.0;
          if (ih >= 0 && ih < inH && iw >= 0 && iw < inW) {
            value = X[((b * inH + ih) * inW + iw) * inC + ci];
          }
          result[index] = value;
        }
      }
    `;
  }
}

function im2col(backend: WebGPUBackend, x: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor2D {
  const {
    filterHeight: kh,
    filterWidth: kw,
    inChannels: ci,
    outHeight: oh,
    outWidth: ow,
    strideHeight: sh,
    strideWidth: sw,
    padInfo,
  } = info;
  const [b, inH, inW] = x.shape;
  const program = new Im2ColProgram(b * oh * ow, kh * kw * ci);
  const out = backend.runWebGPUProgram(program, [x], 'float32', [
    { type: 'int32', data: [inH, inW, ci] },
    { type: 'int32', data: [oh, ow] },
    { type: 'int32', data: [kw] },
    { type: 'int32', data: [sh, sw] },
    { type: 'int32', data: [padInfo.top, padInfo.left] },
  ]);
  return tf.engine().makeTensorFromTensorInfo(out) as tf.Tensor2D;
}

/** dW = patchesᵀ · dy, with the patches made by one shader. */
function filterGradWebGpu(backend: WebGPUBackend, x: tf.Tensor4D, dy: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
    const cols = im2col(backend, x, info);
    return tf.matMul(cols, dy.reshape([cols.shape[0], co]), true, false).reshape([kh, kw, ci, co]) as tf.Tensor4D;
  });
}

const filterGrad = overrideKernels({
  Conv2DBackpropFilter: (args) => {
    const { x, dy } = args.inputs as { x: tf.Tensor4D; dy: tf.Tensor4D };
    const a = args.attrs as unknown as Attrs;
    const info = tf.backend_util.computeConv2DInfo(x.shape, a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
    const patchValues = x.shape[0] * info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels;
    // Ops call kernels with Tensors; anything else (a backend calling in with TensorInfos) goes to tfjs's kernel.
    const usable = x instanceof tf.Tensor && dy instanceof tf.Tensor && a.dataFormat === 'NHWC' && patchValues <= MAX_PATCH_VALUES;
    return usable ? filterGradWebGpu(args.backend as WebGPUBackend, x, dy, info) : null;
  },
});

/** Switches the product form off (tfjs's own kernel runs) or back on: for the benchmark's comparison. */
export function useConv2DFilterGradByMatMul(on: boolean): void {
  filterGrad.use(on);
}

/** Replaces tfjs-webgpu's Conv2DBackpropFilter where the product form applies (idempotent). */
export function registerConv2DFilterGradWebGpu(): void {
  filterGrad.register();
}
