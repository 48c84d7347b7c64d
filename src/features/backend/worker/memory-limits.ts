// What the backend now set can allocate: the largest single buffer (WebGPU's device limits,
// WebGL's texture size, the browser's largest ArrayBuffer) and, where one is known, the whole
// (the WASM heap; the device's memory for the CPU backend). Read once per run start, never per batch.
import * as tf from '@tensorflow/tfjs';
import { approxBytes, type MemoryLimits } from '../../../shared/memory';

/** Chromium's largest ArrayBuffer: 1.5 GiB allocates, 2 GiB throws "Array buffer allocation failed". */
const MAX_ARRAY_BUFFER = 2 ** 31 - 1;
/** tfjs-backend-wasm's heap is 32-bit: at most 4 GiB (its emscripten heap max). */
const WASM_HEAP = 4294901760;

interface GpuLimitsLike {
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
}

export function memoryLimits(): MemoryLimits {
  const name = tf.getBackend();
  if (name === 'webgpu') {
    const device = (tf.backend() as unknown as { device?: GpuLimitsLike }).device;
    if (device) {
      const max = Math.min(device.limits.maxBufferSize, device.limits.maxStorageBufferBindingSize);
      return {
        maxBufferBytes: max,
        bufferWhy: `WebGPU here allows buffers up to ${approxBytes(max)}`,
        maxTotalBytes: null,
        totalWhy: null,
      };
    }
  }
  if (name === 'webgl') {
    const side = tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE');
    // a tensor is one texture: up to side x side texels of 4 float32 channels
    const max = side * side * 4 * 4;
    return { maxBufferBytes: max, bufferWhy: `WebGL here allows textures of ${side} x ${side}`, maxTotalBytes: null, totalWhy: null };
  }
  const buffer = { maxBufferBytes: MAX_ARRAY_BUFFER, bufferWhy: 'this browser allocates arrays of at most ~2 GB' };
  if (name === 'wasm') return { ...buffer, maxTotalBytes: WASM_HEAP, totalWhy: 'the WASM backend can use at most ~4 GB' };
  const gb = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
  if (!gb) return { ...buffer, maxTotalBytes: null, totalWhy: null };
  return { ...buffer, maxTotalBytes: gb * 2 ** 30, totalWhy: `this device reports ${gb} GB of memory` };
}
