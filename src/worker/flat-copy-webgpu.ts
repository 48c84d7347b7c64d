// Concat and SplitV along a contiguous axis as buffer copies instead of compute dispatches.
// The flat optimizer update concatenates every parameter and gradient and splits the result back
// (src/learner/optimizer.ts): on tfjs-webgpu that is one dispatch per concat and one per piece of
// the split (a Slice shader each). When everything before the axis has size 1, each piece is one
// contiguous byte range of the whole, so copyBufferToBuffer does the same: no shader, no uniform
// buffer, no bind group — the per-dispatch costs that bound tfjs on a big GPU. Other cases go to
// tfjs's kernels.
import * as tf from '@tensorflow/tfjs';
import { overrideKernels } from './override-kernel';

/** A GPUBuffer, as far as a copy needs one. */
type Buffer = object;

/** The parts of tfjs-webgpu's backend a copy needs (not in its public typings). */
interface BackendInternals {
  tensorMap: { get(dataId: object): { resource?: Buffer | null } };
  commandQueueOwnedIds: WeakSet<object>;
  commandEncoder: { copyBufferToBuffer(src: Buffer, srcOffset: number, dst: Buffer, dstOffset: number, size: number): void } | null;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  uploadToGPU(dataId: object): void;
  shouldExecuteOnCPU(inputs: tf.TensorInfo[]): boolean;
  makeTensorInfo(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

const BYTES = 4; // float32 and int32 on the GPU

/** Contiguous pieces: nothing before `axis` but size-1 dimensions. */
const contiguous = (shape: number[], axis: number) => shape.slice(0, axis).every((d) => d === 1);
const copyable = (t: tf.TensorInfo) => (t.dtype === 'float32' || t.dtype === 'int32') && tf.util.sizeFromShape(t.shape) > 0;

function buffer(b: BackendInternals, t: tf.TensorInfo): Buffer {
  b.uploadToGPU(t.dataId);
  // Keeps the buffer alive until the queue is submitted, as runWebGPUProgram does for its inputs and output.
  b.commandQueueOwnedIds.add(t.dataId);
  return b.tensorMap.get(t.dataId).resource!;
}

/** Records copies of [srcOffset, srcOffset + size) elements, in order, in tfjs's command encoder. */
function copies(b: BackendInternals, ranges: [tf.TensorInfo, number, tf.TensorInfo, number, number][]): void {
  const buffers = ranges.map(([src, , dst]) => [buffer(b, src), buffer(b, dst)] as const);
  b.ensureCommandEncoderReady();
  b.endComputePassEncoder(); // copies cannot sit inside a compute pass
  ranges.forEach(([, srcOffset, , dstOffset, size], i) =>
    b.commandEncoder!.copyBufferToBuffer(buffers[i][0], srcOffset * BYTES, buffers[i][1], dstOffset * BYTES, size * BYTES),
  );
}

const flatCopies = overrideKernels({
  Concat: (args) => {
    const inputs = args.inputs as unknown as tf.TensorInfo[];
    const b = args.backend as unknown as BackendInternals;
    const first = inputs[0];
    const axis = first ? tf.util.parseAxisParam((args.attrs as { axis: number }).axis, first.shape)[0] : 0;
    const usable =
      inputs.length > 1 &&
      inputs.every((t) => copyable(t) && t.dtype === first.dtype && contiguous(t.shape, axis)) &&
      !b.shouldExecuteOnCPU(inputs); // tfjs concatenates small CPU-resident tensors on the CPU: keep that
    if (!usable) return null;
    const outShape = tf.backend_util.computeOutShape(
      inputs.map((t) => t.shape),
      axis,
    );
    const out = b.makeTensorInfo(outShape, first.dtype);
    let offset = 0;
    copies(
      b,
      inputs.map((t) => {
        const size = tf.util.sizeFromShape(t.shape);
        offset += size;
        return [t, 0, out, offset - size, size];
      }),
    );
    return out;
  },
  SplitV: (args) => {
    const { x } = args.inputs as unknown as { x: tf.TensorInfo };
    const attrs = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
    const b = args.backend as unknown as BackendInternals;
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
    const usable = copyable(x) && contiguous(x.shape, axis) && sizes.every((s) => s > 0) && !b.shouldExecuteOnCPU([x]);
    if (!usable) return null;
    const inner = tf.util.sizeFromShape(x.shape.slice(axis + 1));
    let offset = 0;
    const outs = sizes.map((s) => b.makeTensorInfo([...x.shape.slice(0, axis), s, ...x.shape.slice(axis + 1)], x.dtype));
    copies(
      b,
      outs.map((out, i) => {
        offset += sizes[i] * inner;
        return [x, offset - sizes[i] * inner, out, 0, sizes[i] * inner];
      }),
    );
    return outs;
  },
});

/** Switches the copies off (tfjs's kernels run) or back on: for the benchmark's comparison. */
export function useFlatCopies(on: boolean): void {
  flatCopies.use(on);
}

/** Replaces tfjs-webgpu's Concat and SplitV where the pieces are contiguous (idempotent). */
export function registerFlatCopiesWebGpu(): void {
  flatCopies.register();
}
