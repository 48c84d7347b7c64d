import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { accuracyCompare, batchCompare, setupRows } from './compare-data';
import type { SavedRun } from './runs-db';
import { BatchHistory } from '../../run/page/batch-history';

function run(id: string, lr: number, nBatches: number): SavedRun {
  return {
    id,
    name: id,
    createdAt: 0,
    updatedAt: 0,
    backend: 'webgpu',
    state: 'finished',
    shared: { setup: { ...DEFAULT_SETUP, lr }, callbacks: {}, breakpoints: [] },
    batches: Array.from({ length: nBatches }, (_, i) => ({
      epoch: 0,
      iter: i,
      trainIter: i,
      loss: 1 / (i + 1),
      smoothLoss: 2 / (i + 1),
      lr,
    })),
    epochs: [{ epoch: 0, trainLoss: 1, validLoss: 1, metrics: { accuracy: lr }, seconds: 1 }],
    weights: null,
  };
}

describe('compare-data', () => {
  it('overlays the runs by iteration, at most max points per line', () => {
    const rows = batchCompare([run('a', 0.1, 5000), run('b', 0.2, 10)], 'train', 100);
    expect(rows.filter((r) => r.a !== undefined).length).toBeLessThanOrEqual(101);
    expect(rows.filter((r) => r.b !== undefined)).toHaveLength(10);
    expect(rows[0]).toEqual({ x: 1, a: 2, b: 2 });
    expect(batchCompare([run('a', 0.1, 3)], 'lr').map((r) => r.a)).toEqual([0.1, 0.1, 0.1]);
  });

  it('the run being saved now is drawn from the live history, as its saved records would be', () => {
    const saved = run('a', 0.1, 50);
    const live = { id: 'a', batches: BatchHistory.of(saved.batches) };
    expect(batchCompare([live], 'train')).toEqual(batchCompare([saved], 'train'));
    expect(batchCompare([live], 'lr')).toEqual(batchCompare([saved], 'lr'));
  });

  it('accuracy by epoch, one key per run', () => {
    expect(accuracyCompare([run('a', 0.1, 1), run('b', 0.2, 1)])).toEqual([{ epoch: 1, a: 0.1, b: 0.2 }]);
  });

  it('setups side by side, differences marked', () => {
    const a = run('a', 0.1, 1);
    const b = run('b', 0.2, 1);
    b.shared.callbacks = { GradientClip: { maxNorm: 1 } };
    const rows = setupRows([a, b]);
    expect(rows.find((r) => r.key === 'lr')).toEqual({ key: 'lr', values: ['0.1', '0.2'], differs: true });
    expect(rows.find((r) => r.key === 'batchSize')?.differs).toBe(false);
    expect(rows.find((r) => r.key === 'callbacks.GradientClip.maxNorm')).toEqual({
      key: 'callbacks.GradientClip.maxNorm',
      values: ['', '1'],
      differs: true,
    });
  });
});
