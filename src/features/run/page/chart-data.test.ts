import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../messages';
import { accuracySeries, trainLossSeries, validLossSeries } from './chart-data';
import { backendLabel } from '../../../app/format';

const batches: BatchRecord[] = Array.from({ length: 10 }, (_, i) => ({
  epoch: Math.floor(i / 5),
  iter: i % 5,
  trainIter: i,
  loss: 10 - i,
  smoothLoss: 10 - i,
  lr: 0.01,
}));

describe('chart data', () => {
  it('downsamples the train loss, keeping the last point', () => {
    expect(trainLossSeries(batches)).toHaveLength(10);
    const s = trainLossSeries(batches, 4);
    expect(s.map((p) => p.x)).toEqual([1, 4, 7, 10]);
    expect(trainLossSeries(batches, 3).at(-1)).toEqual({ x: 10, train: 1, raw: 1, lr: 0.01 });
  });

  it('puts valid loss at the last training iteration of its epoch', () => {
    const epochs = [0, 1].map((epoch) => ({ epoch, trainLoss: 1, validLoss: 0.5 + epoch, metrics: { accuracy: 0.9 }, seconds: 1 }));
    expect(validLossSeries(batches, epochs)).toEqual([
      { x: 5, valid: 0.5 },
      { x: 10, valid: 1.5 },
    ]);
    expect(accuracySeries(epochs)).toEqual([
      { epoch: 1, accuracy: 0.9 },
      { epoch: 2, accuracy: 0.9 },
    ]);
  });

  it('labels the backend', () => {
    const swiftshader = { vendor: 'google', architecture: 'swiftshader', description: '' };
    expect(backendLabel({ name: 'webgpu', fallbackReason: null, adapter: swiftshader })).toBe(
      'Backend: webgpu · google swiftshader (CPU emulation, no GPU)',
    );
    const gpu = { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' };
    expect(backendLabel({ name: 'webgpu', fallbackReason: null, adapter: gpu })).toBe('Backend: webgpu · nvidia hopper');
    const llvmpipe = { vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' };
    expect(backendLabel({ name: 'webgpu', fallbackReason: null, adapter: llvmpipe })).toMatch(/CPU emulation/);
    expect(backendLabel({ name: 'webgl', fallbackReason: 'WebGPU: no adapter', adapter: null })).toBe(
      'Backend: webgl — WebGPU unavailable: no adapter',
    );
  });
});
