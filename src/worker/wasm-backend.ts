// Registers tfjs's WASM backend (the third fallback, after WebGPU and WebGL) and tells it where
// Vite put its binaries. The page is cross-origin isolated (for the user callbacks' beacon), which
// would make tfjs pick its threaded build, whose pthread workers do not start from this bundled
// module worker ("e is not defined"): the plain or SIMD build it is.
import { env } from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

setWasmPaths({
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
});

env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
