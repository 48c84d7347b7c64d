import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import type { Setup } from '../../setup/messages';
import { runDifferences, runName } from './run-name';
import type { SavedRun } from './runs-db';

const saved = (id: string, setup: Setup, callbacks: SavedRun['shared']['callbacks'] = {}): SavedRun => ({
  id,
  name: runName(setup),
  createdAt: 0,
  updatedAt: 0,
  backend: 'webgpu',
  state: 'finished',
  shared: { setup, callbacks, breakpoints: [] },
  batches: [],
  epochs: [],
  weights: null,
});

describe('run names', () => {
  it('name every setting that shapes the run, with the lr in full', () => {
    expect(runName({ ...DEFAULT_SETUP, lr: 0.003 })).toBe('spiral · MLP 2 x 32 relu · adam lr 3e-3 · bs 128 · 10 epochs');
    expect(runName({ ...DEFAULT_SETUP, lr: 0.0003, wd: 0.01, optimizer: 'sgd', momentum: 0.8, epochs: 1 })).toBe(
      'spiral · MLP 2 x 32 relu · sgd lr 3e-4 mom 0.8 wd 0.01 · bs 128 · 1 epoch',
    );
  });

  it('two runs that differ only in lr have different names', () => {
    expect(runName({ ...DEFAULT_SETUP, lr: 0.003 })).not.toBe(runName({ ...DEFAULT_SETUP, lr: 0.0031 }));
  });

  it('say, for each listed run, the settings that set it apart', () => {
    const a = saved('a', { ...DEFAULT_SETUP, lr: 0.003 });
    const b = saved('b', { ...DEFAULT_SETUP, lr: 0.0003 });
    expect(runDifferences([a, b])).toEqual([['lr 3e-3'], ['lr 3e-4']]);
    const c = saved(
      'c',
      { ...DEFAULT_SETUP, lr: 0.003, batchSize: 64, model: { ...DEFAULT_SETUP.model, units: 64 } as Setup['model'] },
      {
        GradientClip: { maxNorm: 1 },
      },
    );
    expect(runDifferences([a, b, c])).toEqual([
      ['units 32', 'lr 3e-3', 'bs 128', 'no callbacks'],
      ['units 32', 'lr 3e-4', 'bs 128', 'no callbacks'],
      ['units 64', 'lr 3e-3', 'bs 64', 'GradientClip maxNorm 1'],
    ]);
    expect(runDifferences([a])).toEqual([[]]);
    expect(runDifferences([a, saved('a2', { ...DEFAULT_SETUP, lr: 0.003 })])).toEqual([[], []]);
  });
});
