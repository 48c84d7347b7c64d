// Picks the tfjs backend: webgpu, else webgl, else wasm (if registered), else cpu,
// and says why WebGPU was not used. The caller injects navigator.gpu and tfjs's
// setBackend, so this module runs (and is tested) anywhere.
import type { AdapterInfo, BackendInfo, BackendName } from '../messages';

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
}
interface AdapterLike {
  info?: AdapterInfoLike;
  requestAdapterInfo?: () => Promise<AdapterInfoLike>;
}
export interface GpuLike {
  requestAdapter(options?: unknown): Promise<AdapterLike | null>;
}

export interface BackendDeps {
  /** `navigator.gpu`, or undefined. */
  gpu: GpuLike | undefined;
  /** Is a backend of that name registered with tfjs? (tf.findBackendFactory) */
  isRegistered(name: BackendName): boolean;
  /** tf.setBackend + tf.ready: true when the backend initialised. */
  setBackend(name: BackendName): Promise<boolean>;
}

/** Asks for an adapter ourselves, to know why WebGPU is unavailable. */
export async function probeWebGpu(gpu: GpuLike | undefined): Promise<{ adapter: AdapterInfo | null; problem: string | null }> {
  if (!gpu) return { adapter: null, problem: 'WebGPU: navigator.gpu missing' };
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (err) {
    return { adapter: null, problem: `WebGPU: requestAdapter failed: ${errorText(err)}` };
  }
  if (!adapter) return { adapter: null, problem: 'WebGPU: no adapter' };
  let info: AdapterInfoLike | undefined = adapter.info;
  if (!info && adapter.requestAdapterInfo) info = await adapter.requestAdapterInfo().catch(() => undefined);
  return {
    adapter: info ? { vendor: info.vendor ?? '', architecture: info.architecture ?? '', description: info.description ?? '' } : null,
    problem: null,
  };
}

export async function pickBackend(deps: BackendDeps): Promise<BackendInfo> {
  const probe = await probeWebGpu(deps.gpu);
  let fallbackReason = probe.problem;
  if (!fallbackReason) {
    if (!deps.isRegistered('webgpu')) fallbackReason = 'WebGPU: tfjs webgpu backend not registered';
    else if (await tryBackend(deps, 'webgpu')) return { name: 'webgpu', fallbackReason: null, adapter: probe.adapter };
    else fallbackReason = 'WebGPU: the tfjs webgpu backend failed to initialise';
  }
  for (const name of ['webgl', 'wasm', 'cpu'] as const) {
    if (deps.isRegistered(name) && (await tryBackend(deps, name))) {
      return { name, fallbackReason, adapter: probe.adapter };
    }
  }
  throw new Error(`No tfjs backend could be initialised (${fallbackReason ?? 'webgpu failed'})`);
}

async function tryBackend(deps: BackendDeps, name: BackendName): Promise<boolean> {
  try {
    return await deps.setBackend(name);
  } catch {
    return false;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
