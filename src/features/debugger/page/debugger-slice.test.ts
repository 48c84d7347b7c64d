import { describe, expect, it } from 'vitest';
import type { DebugPause } from '../messages';
import { describeBreakpoint } from '../../../shared/debug';
import { reduce, type DebuggerSlice } from './debugger-slice';

const pause = (event: DebugPause['snapshot']['event']): DebugPause =>
  ({ reason: 'step', snapshot: { event }, timeline: [], profile: [], cancels: ['CancelBatchException'] }) as unknown as DebugPause;
const slice = (debug: Partial<DebuggerSlice['debug']> = {}): DebuggerSlice =>
  ({ debug: { breakpoints: [], pause: null, paused: false, stops: 0, ...debug } }) as DebuggerSlice;

describe('debugger slice reducer', () => {
  it('a pause is kept, counted and marks the loop paused; a resume keeps the stop to show it dimmed', () => {
    const s1 = { ...slice(), ...reduce(slice(), { type: 'debug:paused', pause: pause('after_loss') }) };
    expect(s1.debug).toMatchObject({ paused: true, stops: 1, pause: { snapshot: { event: 'after_loss' } } });
    const s2 = { ...s1, ...reduce(s1, { type: 'debug:resumed' }) };
    expect(s2.debug).toMatchObject({ paused: false, stops: 1, pause: { snapshot: { event: 'after_loss' } } });
    expect(reduce(s2, { type: 'debug:resumed' })).toBeNull();
  });

  it('a run that ends is not paused; other messages are not its business', () => {
    const paused = slice({ paused: true, pause: pause('before_step') });
    expect(reduce(paused, { type: 'status', state: 'done', detail: 'stopped' })).toEqual({ debug: { ...paused.debug, paused: false } });
    expect(reduce(paused, { type: 'status', state: 'training' })).toBeNull();
    expect(reduce(paused, { type: 'metrics', batches: [], epochs: [], progress: null })).toBeNull();
  });

  it('describes a breakpoint as the worker does', () => {
    expect(
      describeBreakpoint({
        event: 'after_loss',
        conditions: [
          { kind: 'phase', phase: 'train' },
          { kind: 'epoch', op: 'gte', value: 1 },
        ],
      }),
    ).toBe('after_loss when training and epoch ≥ 1');
    expect(describeBreakpoint({ event: 'after_step', conditions: [] })).toBe('after_step');
  });
});
