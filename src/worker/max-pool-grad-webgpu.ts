// MaxPool's gradient on webgpu in one dispatch instead of two. tfjs-webgpu first runs a pooling
// shader that writes each window's argmax position (an int32 tensor the size of the output), then
// one that routes dy through those positions. Here each dx element re-finds the argmax of the few
// windows that contain it (2×2 pools: one window, four reads) and adds their dy where it wins:
// tfjs's two shaders' loops merged, with their tie rule (the last maximum in the window wins) and
// their order of summation, so the same numbers.
import * as tf from '@tensorflow/tfjs';
import { webgpu_util, type WebGPUBackend, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { overrideKernels } from './override-kernel';

class MaxPoolGradProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'playground_max_pool_grad';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['dy', 'x'];
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;
  uniforms =
    'strides : vec2<i32>, pads : vec2<i32>, dilations : vec2<i32>, filterDims : vec2<i32>, outDims : vec2<i32>, backPads : vec2<i32>,';

  constructor(inShape: number[]) {
    this.outputShape = inShape;
    this.dispatchLayout = webgpu_util.flatDispatchLayout(inShape);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, inShape, this.workgroupSize);
  }

  getUserCode(): string {
    return `
      // tfjs's Pool2DProgram with computePositions: the argmax of window (r, c), as wR * filterW + wC.
      fn argmaxAt(batch : i32, r : i32, c : i32, d : i32) -> i32 {
        let xRCorner = r * uniforms.strides.x - uniforms.pads.x;
        let xCCorner = c * uniforms.strides.y - uniforms.pads.y;
        var maxValue = 0.0;
        var maxValueFound = 0.0;
        var maxPosition = 0;
        for (var wR = 0; wR < uniforms.filterDims.x; wR = wR + uniforms.dilations.x) {
          let xR = xRCorner + wR;
          if (xR < 0 || xR >= uniforms.xShape[1]) { continue; }
          for (var wC = 0; wC < uniforms.filterDims.y; wC = wC + uniforms.dilations.y) {
            let xC = xCCorner + wC;
            if (xC < 0 || xC >= uniforms.xShape[2]) { continue; }
            let value = getX(batch, xR, xC, d);
            let currMaxValue = mix(value, maxValue, maxValueFound);
            if (value >= currMaxValue) {
              maxValue = value;
              maxValueFound = 1.0;
              maxPosition = wR * uniforms.filterDims.y + wC;
            }
          }
        }
        return maxPosition;
      }

      // tfjs's MaxPool2DBackpropProgram, the positions found in place.
      fn main(index : i32) {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let batch = coords[0];
          let d = coords[3];
          let dyRCCorner = vec2<i32>(coords.yz) - uniforms.backPads;
          var dotProd = 0.0;
          let lastIndex = uniforms.filterDims[0] * uniforms.filterDims[1] - 1;
          for (var wR = 0; wR < uniforms.filterDims[0]; wR += uniforms.dilations[0]) {
            let dyR = f32(dyRCCorner.x + wR) / f32(uniforms.strides[0]);
            if (dyR < 0.0 || dyR >= f32(uniforms.outDims[0]) || fract(dyR) > 0.0) { continue; }
            let idyR = i32(dyR);
            for (var wC = 0; wC < uniforms.filterDims[1]; wC += uniforms.dilations[1]) {
              let dyC = f32(dyRCCorner.y + wC) / f32(uniforms.strides[1]);
              if (dyC < 0.0 || dyC >= f32(uniforms.outDims[1]) || fract(dyC) > 0.0) { continue; }
              let idyC = i32(dyC);
              let maxPosValue = lastIndex - argmaxAt(batch, idyR, idyC, d);
              let curPosValue = wR * uniforms.filterDims[1] + wC;
              dotProd += getDy(batch, idyR, idyC, d) * select(0.0, 1.0, maxPosValue == curPosValue);
            }
          }
          setOutputAtIndex(index, dotProd);
        }
      }
    `;
  }
}

const maxPoolGrad = overrideKernels({
  MaxPoolGrad: (args) => {
    const { dy, input } = args.inputs as unknown as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const a = args.attrs as unknown as {
      filterSize: [number, number] | number;
      strides: [number, number] | number;
      pad: 'valid' | 'same' | number;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
    };
    if (input.dtype !== 'float32') return null;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      a.filterSize,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    const [fh, fw] = [info.effectiveFilterHeight, info.effectiveFilterWidth];
    return (args.backend as WebGPUBackend).runWebGPUProgram(new MaxPoolGradProgram(info.inShape), [dy, input], 'float32', [
      { type: 'int32', data: [info.strideHeight, info.strideWidth] },
      { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
      { type: 'int32', data: [info.dilationHeight, info.dilationWidth] },
      { type: 'int32', data: [fh, fw] },
      { type: 'int32', data: [info.outHeight, info.outWidth] },
      { type: 'int32', data: [fh - 1 - info.padInfo.top, fw - 1 - info.padInfo.left] },
    ]);
  },
});

/** Switches the one-pass gradient off (tfjs's kernel runs) or back on: for comparisons. */
export function useMaxPoolGradInOnePass(on: boolean): void {
  maxPoolGrad.use(on);
}

/** Replaces tfjs-webgpu's MaxPoolGrad for float32 inputs (idempotent). */
export function registerMaxPoolGradWebGpu(): void {
  maxPoolGrad.register();
}
