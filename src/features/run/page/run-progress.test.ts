import { describe, expect, it } from 'vitest';
import type { Progress } from '../messages';
import { timeLeft as duration } from '../../../app/format';
import {
  emptyChartText,
  epochsDone,
  fractionDone,
  plural,
  samplesPerSecond,
  secondsLeft,
  statusText,
  type StatusInput,
} from './run-progress';

const p = (epoch: number, iter: number, nIter = 7, training = true, nEpoch = 5): Progress => ({ epoch, nEpoch, iter, nIter, training });
const base: StatusInput = { runState: 'training', detail: null, progress: null, debugPaused: false, nEpoch: 5, epochsRun: 0 };

describe('statusText', () => {
  it('says epoch, not epochs, for one', () => {
    expect(plural(1, 'epoch')).toBe('1 epoch');
    expect(statusText({ ...base, runState: 'done', detail: 'finished', nEpoch: 1, epochsRun: 1 })).toBe('Done: 1 epoch');
    expect(statusText({ ...base, runState: 'done', detail: 'finished', nEpoch: 3, epochsRun: 3 })).toBe('Done: 3 epochs');
    expect(statusText({ ...base, runState: 'done', detail: 'stopped', progress: p(0, 3) })).toBe('Stopped after 0 epochs');
    expect(statusText({ ...base, runState: 'done', detail: 'stopped', progress: p(1, 0, 7, false) })).toBe('Stopped after 2 epochs');
  });

  it('says when a finished run ended before its last epoch (an early stop)', () => {
    expect(statusText({ ...base, runState: 'done', detail: 'finished', nEpoch: 10, epochsRun: 4 })).toBe('Done: 4 of 10 epochs');
  });

  it('says "first batch" until a batch of the epoch is read back', () => {
    expect(statusText({ ...base, progress: p(0, -1) })).toBe('Epoch 1/5 · first batch…');
    expect(statusText({ ...base, progress: p(0, 0) })).toBe('Epoch 1/5 · train batch 1/7');
    expect(statusText({ ...base, progress: p(2, 3, 2, false) })).toBe('Epoch 3/5 · valid batch 4/2');
  });
});

describe('progress and time left', () => {
  it('counts batches read back, the epoch complete in validation', () => {
    expect(epochsDone(p(0, -1))).toBe(0);
    expect(epochsDone(p(1, 6))).toBe(2);
    expect(epochsDone(p(1, 2, 7, false))).toBe(2);
    expect(fractionDone(p(0, 6, 7, true, 4), 4, 'training')).toBe(0.25);
    expect(fractionDone(p(0, 0), 4, 'done')).toBe(1);
  });

  it('measures samples/s from the first batches read, not from Train', () => {
    const first = { at: 10_000, batches: 2, fraction: 0.01 };
    expect(samplesPerSecond(null, 10, 32, 20_000)).toBe(0);
    expect(samplesPerSecond(first, 2, 32, 20_000)).toBe(0);
    expect(samplesPerSecond(first, 12, 32, 12_000)).toBe(160); // 10 batches x 32 in 2 s
  });

  it('does not let start-up inflate the first estimate of time left', () => {
    // An 80 s run whose first batch took 10 s of start-up: 1 % per 0.7 s after it.
    const first = { at: 10_000, batches: 1, fraction: 0.01 };
    expect(secondsLeft(first, 0.01, 10_500)).toBeNaN(); // too little to go on
    const left = secondsLeft(first, 0.04, 12_100);
    expect(left).toBeCloseTo((2.1 / 0.03) * 0.96, 5);
    expect(left).toBeLessThan(80);
    expect(duration(left)).toBe('1 min 7 s left');
    expect(duration(Number.NaN)).toBe('estimating time left…');
    expect(duration(12.2)).toBe('13 s left');
  });
});

describe('emptyChartText', () => {
  it('does not ask to press Train while a run is going', () => {
    expect(emptyChartText('idle')).toBe('No data yet — press Train.');
    expect(emptyChartText('training')).not.toMatch(/press Train/);
    expect(emptyChartText('starting')).not.toMatch(/press Train/);
  });
});
