// The tfjs backend: which one the worker picked and why (WebGPU first, then WebGL, WASM, CPU),
// the ones it could use, and the user's pick. Plain data only.

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
}

export type BackendPageToWorker =
  /** Switch the tfjs backend (refused while training). */
  { type: 'set-backend'; name: BackendName };

/** Tests only (the page sends it only through the e2e test API): destroys the WebGPU device, as a driver reset would. */
export type BackendTestMessage = { type: 'test:lose-device' };

export type BackendWorkerToPage =
  | { type: 'ready'; backend: BackendInfo; tfVersion: string }
  | { type: 'backend'; backend: BackendInfo }
  /** The backends tfjs has registered here (for the picker). */
  | { type: 'backends'; available: BackendName[] };
