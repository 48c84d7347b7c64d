import { describe, expect, it } from 'vitest';
import type { BackendName, BackendSpeed } from '../messages';
import { measureBackends } from './backend-speed';

function fakes(times: Partial<Record<BackendName, number | null | Error>>, starts: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu']) {
  const set: BackendName[] = [];
  const reports: Array<{ speeds: BackendSpeed[]; done: boolean }> = [];
  return {
    set,
    reports,
    deps: {
      backends: ['webgpu', 'webgl', 'wasm', 'cpu'] as BackendName[],
      current: 'webgpu' as BackendName,
      setBackend: async (name: BackendName) => {
        set.push(name);
        return starts.includes(name);
      },
      time: async (name: BackendName) => {
        const t = times[name];
        if (t instanceof Error) throw t;
        return t ?? null;
      },
      report: (speeds: BackendSpeed[], done: boolean) => reports.push({ speeds, done }),
    },
  };
}

describe('measureBackends', () => {
  it('times every backend, reports after each, and puts the original back', async () => {
    const f = fakes({ webgpu: 900, webgl: 3000, wasm: 1200, cpu: 400 });
    const speeds = await measureBackends(f.deps);
    expect(speeds.map((s) => [s.name, s.samplesPerSecond])).toEqual([
      ['webgpu', 900],
      ['webgl', 3000],
      ['wasm', 1200],
      ['cpu', 400],
    ]);
    expect(f.reports.map((r) => [r.speeds.length, r.done])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [4, true],
    ]);
    expect(f.set.at(-1)).toBe('webgpu');
  });

  it('says why a backend has no figure, and goes on', async () => {
    const f = fakes({ webgpu: 900, wasm: new Error('Array buffer allocation failed'), cpu: null }, ['webgpu', 'wasm', 'cpu']);
    const speeds = await measureBackends(f.deps);
    expect(speeds).toEqual([
      { name: 'webgpu', samplesPerSecond: 900, problem: null },
      { name: 'webgl', samplesPerSecond: null, problem: 'webgl could not start here' },
      { name: 'wasm', samplesPerSecond: null, problem: 'Array buffer allocation failed' },
      { name: 'cpu', samplesPerSecond: null, problem: 'too few batches to time' },
    ]);
    expect(f.set.at(-1)).toBe('webgpu');
  });

  it('puts the original backend back even when reporting throws', async () => {
    const f = fakes({ webgpu: 1 });
    f.deps.report = () => {
      throw new Error('postMessage failed');
    };
    await expect(measureBackends(f.deps)).rejects.toThrow('postMessage failed');
    expect(f.set.at(-1)).toBe('webgpu');
  });
});
