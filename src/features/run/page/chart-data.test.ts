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
  it('downsamples the train loss by the lowest and highest of each bucket, keeping the last point', () => {
    expect(trainLossSeries(batches)).toHaveLength(10);
    // 2 buckets of 5 (losses 10..6 and 5..1): each drawn by its highest then its lowest
    expect(trainLossSeries(batches, 4).map((p) => p.x)).toEqual([1, 5, 6, 10]);
    expect(trainLossSeries(batches, 3).at(-1)).toEqual({ x: 10, train: 1, raw: 1, lr: 0.01 });
  });

  it('a spike of one batch in 100,000 always shows, and so does a NaN', () => {
    const long: BatchRecord[] = Array.from({ length: 100_000 }, (_, i) => ({
      epoch: 0,
      iter: i,
      trainIter: i,
      loss: 1 + 0.01 * Math.sin(i),
      smoothLoss: 1,
      lr: 0.01,
    }));
    long[54_321] = { ...long[54_321], loss: 40 };
    long[77_777] = { ...long[77_777], loss: 0.001 };
    const s = trainLossSeries(long);
    expect(s.length).toBeLessThanOrEqual(1001);
    expect(s.find((p) => p.raw === 40)?.x).toBe(54_322);
    expect(s.find((p) => p.raw === 0.001)?.x).toBe(77_778);
    expect(s.every((p, i) => i === 0 || p.x > s[i - 1].x)).toBe(true);
    expect(s.at(-1)?.x).toBe(100_000);
    long[12_345] = { ...long[12_345], loss: NaN };
    expect(trainLossSeries(long).some((p) => Number.isNaN(p.raw))).toBe(true);
    // the old strided sampling kept every 100th batch: both spikes were lost
    expect(long.filter((_, i) => i % 100 === 0).some((b) => b.loss === 40 || b.loss === 0.001)).toBe(false);
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
