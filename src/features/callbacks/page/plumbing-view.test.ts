import { describe, expect, it } from 'vitest';
import type { LoopLineData } from '../messages';
import { loopWithoutPlumbing } from './plumbing-view';

const loop: LoopLineData[] = [
  { kind: 'start', label: 'Start Fit', depth: 0 },
  { kind: 'event', event: 'before_fit', phase: null, depth: 1, callbacks: ['TrainEvalCallback', 'StreamCallback', 'PicturesCallback'] },
  { kind: 'event', event: 'after_batch', phase: 'train', depth: 4, callbacks: ['Recorder', 'LoopControl'] },
];

describe('loopWithoutPlumbing', () => {
  it("drops the page's callbacks from each event, keeps the rest", () => {
    expect(loopWithoutPlumbing(loop, false)).toEqual([
      loop[0],
      { ...loop[1], callbacks: ['TrainEvalCallback'] },
      { ...loop[2], callbacks: ['Recorder'] },
    ]);
  });

  it('shows everything when asked', () => {
    expect(loopWithoutPlumbing(loop, true)).toBe(loop);
  });
});
