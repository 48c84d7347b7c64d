import { describe, expect, it } from 'vitest';
import type { BackendSpeed } from '../messages';
import { fasterBackend, reduce } from './backend-slice';

const sp = (name: BackendSpeed['name'], samplesPerSecond: number | null): BackendSpeed => ({ name, samplesPerSecond, problem: null });

describe('fasterBackend', () => {
  it('names the fastest backend and by how much', () => {
    expect(fasterBackend([sp('webgpu', 1000), sp('webgl', 3400), sp('wasm', 2000), sp('cpu', 500)], 'webgpu')).toEqual({
      name: 'webgl',
      factor: 3.4,
    });
  });
  it('offers nothing when the current one is fastest, nearly so, or was not measured', () => {
    expect(fasterBackend([sp('webgpu', 1000), sp('webgl', 900)], 'webgpu')).toBeNull();
    expect(fasterBackend([sp('webgpu', 1000), sp('webgl', 1100)], 'webgpu')).toBeNull();
    expect(fasterBackend([sp('webgpu', null), sp('webgl', 1100)], 'webgpu')).toBeNull();
  });
});

describe('reduce', () => {
  it('keeps what was measured for and takes the figures as they come', () => {
    const s = { backendSpeeds: { speeds: [], done: false, measuredFor: 'MLP' } };
    expect(reduce(s as never, { type: 'backend-speeds', speeds: [sp('webgpu', 1)], done: false })).toEqual({
      backendSpeeds: { speeds: [sp('webgpu', 1)], done: false, measuredFor: 'MLP' },
    });
    expect(reduce(s as never, { type: 'backends', available: [] })).toBeNull();
  });
});
