import { describe, expect, it } from 'vitest';
import type { BackendName } from '../messages';
import { pickBackend, type BackendDeps, type GpuLike } from './backend';

const swiftshader = { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device' };

function deps(gpu: GpuLike | undefined, works: BackendName[], registered: BackendName[] = ['webgpu', 'webgl', 'cpu']) {
  const tried: BackendName[] = [];
  const d: BackendDeps = {
    gpu,
    isRegistered: (name) => registered.includes(name),
    setBackend: async (name) => {
      tried.push(name);
      if (name === 'webgl' && !works.includes(name)) throw new Error('no webgl context');
      return works.includes(name);
    },
  };
  return { d, tried };
}

describe('pickBackend', () => {
  it('uses webgpu when an adapter exists, with its description', async () => {
    const { d, tried } = deps({ requestAdapter: async () => ({ info: swiftshader }) }, ['webgpu', 'cpu']);
    expect(await pickBackend(d)).toEqual({ name: 'webgpu', fallbackReason: null, adapter: swiftshader });
    expect(tried).toEqual(['webgpu']);
  });

  it('falls back to webgl when navigator.gpu is missing, and says so', async () => {
    const { d, tried } = deps(undefined, ['webgl', 'cpu']);
    expect(await pickBackend(d)).toEqual({ name: 'webgl', fallbackReason: 'WebGPU: navigator.gpu missing', adapter: null });
    expect(tried).toEqual(['webgl']);
  });

  it('reports "no adapter" and falls through webgl failures to cpu', async () => {
    const { d, tried } = deps({ requestAdapter: async () => null }, ['cpu']);
    expect(await pickBackend(d)).toEqual({ name: 'cpu', fallbackReason: 'WebGPU: no adapter', adapter: null });
    expect(tried).toEqual(['webgl', 'cpu']);
  });

  it('reports a throwing requestAdapter', async () => {
    const gpu = { requestAdapter: () => Promise.reject(new Error('blocked')) };
    const { d } = deps(gpu, ['cpu']);
    expect((await pickBackend(d)).fallbackReason).toBe('WebGPU: requestAdapter failed: blocked');
  });

  it('reports an unregistered or failing tfjs webgpu backend, keeping the adapter', async () => {
    const gpu = { requestAdapter: async () => ({ requestAdapterInfo: async () => swiftshader }) };
    const a = await pickBackend(deps(gpu, ['cpu'], ['webgl', 'cpu']).d);
    expect(a).toEqual({ name: 'cpu', fallbackReason: 'WebGPU: tfjs webgpu backend not registered', adapter: swiftshader });
    const b = await pickBackend(deps(gpu, ['webgl']).d);
    expect(b.name).toBe('webgl');
    expect(b.fallbackReason).toBe('WebGPU: the tfjs webgpu backend failed to initialise');
  });

  it('tries wasm only when it is registered', async () => {
    const { d, tried } = deps(undefined, ['wasm', 'cpu'], ['webgl', 'wasm', 'cpu']);
    expect((await pickBackend(d)).name).toBe('wasm');
    expect(tried).toEqual(['webgl', 'wasm']);
  });

  it('throws when nothing initialises', async () => {
    await expect(pickBackend(deps(undefined, []).d)).rejects.toThrow('No tfjs backend');
  });
});
