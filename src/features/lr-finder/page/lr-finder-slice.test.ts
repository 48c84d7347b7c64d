import { describe, expect, it } from 'vitest';
import type { WorkerToPage } from '../../messages';
import { progressText, secondsLeft } from './lr-find-progress';
import { finding, reduce, type LrFindState } from './lr-finder-slice';

const IDLE: LrFindState = { state: 'idle', points: [], result: null, error: null, numIt: 0, pace: null };
const pts = (n: number) => Array.from({ length: n }, (_, i) => ({ lr: 10 ** (i - 7), loss: 1 }));

/** Applies the messages in order, message k at time `times[k]` (ms). */
function play(start: LrFindState, msgs: WorkerToPage[], times: number[] = []): LrFindState {
  return msgs.reduce((s, m, k) => reduce({ lrFind: s }, m, times[k] ?? 0)?.lrFind ?? s, start);
}

describe('LR finder on the page', () => {
  it('running: iteration i/n, and time left at the pace since the first points', () => {
    const s = play(
      { ...IDLE, state: 'starting' },
      [
        { type: 'lr-find-started', numIt: 100 },
        { type: 'lr-find-points', points: pts(1) },
        { type: 'lr-find-points', points: pts(9) },
      ],
      [0, 60_000, 78_000],
    ); // a minute of start-up, then 2 s an iteration
    expect(s.state).toBe('running');
    expect(finding(s)).toBe(true);
    expect(secondsLeft(s, 78_000)).toBeCloseTo(90 * 2, 5);
    expect(progressText(s, 78_000)).toBe('iteration 10/100 · 3 min 0 s left');
    expect(progressText(s, 88_000)).toBe('iteration 10/100 · 2 min 50 s left');
    expect(progressText({ ...s, points: pts(1), pace: { firstAt: 60_000, firstCount: 1, lastAt: 60_000 } }, 61_000)).toBe(
      'iteration 1/100 · estimating time left…',
    );
    expect(progressText({ ...IDLE, state: 'running', numIt: 100 }, 0)).toBe('iteration 0/100 · first iteration…');
  });

  it('cancelled: the points it got, no suggestion, and the page is no longer finding', () => {
    const s = play({ ...IDLE, state: 'cancelling' }, [
      { type: 'lr-find-started', numIt: 100 },
      { type: 'lr-find-points', points: pts(4) },
      { type: 'lr-find-cancelled', iterations: 4, leakedTensors: 0 },
    ]);
    expect(s.state).toBe('cancelled');
    expect(s.result).toBeNull();
    expect(s.points).toHaveLength(4);
    expect(finding(s)).toBe(false);
    expect(progressText(s, 0)).toBe('Cancelled after 4/100 iterations: no suggestion from a partial curve.');
  });

  it('a Cancel asked for before the worker started it still shows as cancelling', () => {
    const s = play({ ...IDLE, state: 'cancelling' }, [{ type: 'lr-find-started', numIt: 100 }]);
    expect(s.state).toBe('cancelling');
    expect(progressText(s, 0)).toBe('Cancelling — stopping after iteration 1…');
  });
});
