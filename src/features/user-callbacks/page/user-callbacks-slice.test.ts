import { describe, expect, it } from 'vitest';
import type { WorkerToPage } from '../../messages';
import { EMPTY_LOG, reduce, titleOf, type UserCallbacksState } from './user-callbacks-slice';

const state = (): { userCallbacks: UserCallbacksState; userLog: typeof EMPTY_LOG; runState: 'training' } => ({
  userCallbacks: { drafts: [], selected: null, infos: {}, compileErrors: {}, errors: {}, leaks: [], sent: {} },
  userLog: EMPTY_LOG,
  runState: 'training',
});

const metrics = (key: string, series: Record<string, { x: number[]; y: number[] }>): WorkerToPage => ({
  type: 'metrics',
  batches: [],
  epochs: [],
  progress: null,
  firstAt: 0,
  outputs: { userLog: { key, series } },
});

describe('user callbacks slice', () => {
  it('appends logged chunks of one fit in place, and starts afresh with a new key', () => {
    let s = state();
    s = { ...s, ...reduce(s, metrics('log-1', { a: { x: [1, 2], y: [0.5, 0.4] } })) };
    const first = s.userLog.series.a;
    s = { ...s, ...reduce(s, metrics('log-1', { a: { x: [3], y: [0.3] }, b: { x: [3], y: [7] } })) };
    expect(s.userLog.series.a).toBe(first); // the same arrays, grown
    expect(s.userLog.series.a).toEqual({ x: [1, 2, 3], y: [0.5, 0.4, 0.3] });
    expect(s.userLog.series.b).toEqual({ x: [3], y: [7] });
    expect(s.userLog.version).toBe(2);
    s = { ...s, ...reduce(s, metrics('log-2', { c: { x: [1], y: [1] } })) };
    expect(Object.keys(s.userLog.series)).toEqual(['c']);
  });

  it('keeps what the worker says: the callbacks by id, an error, the leaks', () => {
    const s = state();
    const info = { id: 'a', className: 'GradNorm', name: 'grad_norm', order: 50, events: ['after_backward'], enabled: true, slot: 0 };
    expect(reduce(s, { type: 'user-cb-state', callbacks: [info] })?.userCallbacks?.infos).toEqual({ a: info });
    const error = { id: 'a', className: 'GradNorm', event: 'after_backward', message: 'boom', line: 4, column: 9 };
    expect(reduce(s, { type: 'user-cb-error', error })?.userCallbacks?.errors).toEqual({ a: error });
    const leaks = [{ id: 'a', className: 'GradNorm', count: 3, byEvent: { after_backward: 3 } }];
    expect(reduce(s, { type: 'user-cb-leaks', leaks })?.userCallbacks?.leaks).toEqual(leaks);
  });

  it('titles a draft by the class its source defines', () => {
    expect(titleOf({ source: '// x\nclass Warm extends Callback {}', title: 'MyCallback' })).toBe('Warm');
    expect(titleOf({ source: 'const x = 1', title: 'MyCallback' })).toBe('MyCallback');
  });
});
