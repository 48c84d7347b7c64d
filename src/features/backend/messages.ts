// The tfjs backend: which one the worker picked and why (WebGPU first, then WebGL, WASM, CPU),
// the ones it could use, the user's pick, and how fast each trains the current setup. Plain data only.
import type { Setup } from '../setup/messages';
import type { MemoryLimits } from '../../shared/memory';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
}

export interface BackendInfo {
  name: BackendName;
  /** Why WebGPU is not the backend, e.g. "WebGPU: no adapter"; null when it is. */
  fallbackReason: string | null;
  /** The WebGPU adapter (GPUAdapter.info) when one was found, even if another backend won. */
  adapter: AdapterInfo | null;
  /** Picked by the user in the backend picker (not the automatic choice). */
  chosen?: boolean;
  /** What this backend can allocate here (the page shows a run's estimate against it). */
  memory?: MemoryLimits;
}

/** A CPU implementation of a GPU API (SwiftShader, Mesa's llvmpipe/lavapipe): WebGPU runs, but not on a GPU. */
export function isEmulatedAdapter(a: AdapterInfo | null): boolean {
  if (!a) return false;
  return /swiftshader|llvmpipe|lavapipe|software/i.test(`${a.architecture} ${a.description}`);
}

/** One backend's training speed for the current setup (null: it could not train here, with why). */
export interface BackendSpeed {
  name: BackendName;
  samplesPerSecond: number | null;
  problem: string | null;
}

export type BackendPageToWorker =
  /** Switch the tfjs backend (refused while training). */
  | { type: 'set-backend'; name: BackendName }
  /** Time a few training batches of `setup` on every usable backend (the worker's one activity meanwhile). */
  | { type: 'measure-backends'; setup: Setup };

/** Tests only (the page sends it only through the e2e test API): destroys the WebGPU device, as a driver reset would. */
export type BackendTestMessage = { type: 'test:lose-device' };

export type BackendWorkerToPage =
  | { type: 'ready'; backend: BackendInfo; tfVersion: string }
  | { type: 'backend'; backend: BackendInfo }
  /** The backends tfjs has registered here (for the picker). */
  | { type: 'backends'; available: BackendName[] }
  /** The speeds measured so far (one more after each backend), `done` after the last. */
  | { type: 'backend-speeds'; speeds: BackendSpeed[]; done: boolean };
