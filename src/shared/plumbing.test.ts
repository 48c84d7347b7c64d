import { describe, expect, it } from 'vitest';
import { PLUMBING_NAMES, hidePlumbing, isPlumbing } from './plumbing';

describe('page plumbing', () => {
  it('names the callbacks the page installs in every run', () => {
    expect(PLUMBING_NAMES).toEqual(['StreamCallback', 'PicturesCallback', 'UserLog', 'LoopControl']);
    expect(isPlumbing('LoopControl')).toBe(true);
    expect(isPlumbing('Recorder')).toBe(false);
    expect(isPlumbing('toString')).toBe(false);
  });

  it('hides them unless shown', () => {
    const names = ['TrainEvalCallback', 'StreamCallback', 'Recorder', 'LoopControl'];
    expect(hidePlumbing(names, (n) => n, false)).toEqual(['TrainEvalCallback', 'Recorder']);
    expect(hidePlumbing(names, (n) => n, true)).toBe(names);
  });
});
