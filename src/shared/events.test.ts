// The shared event and Cancel names are the ones the engine uses: the Learner's exception classes
// are keyed by them, and every cancel the debugger offers is one of them.
import { describe, expect, it } from 'vitest';
import { catchableCancels } from '../debugger/cancels';
import { CANCEL_EXCEPTIONS } from '../learner/exceptions';
import { CANCEL_NAMES, EVENTS } from './events';

describe('shared events and cancels', () => {
  it("lists fastai's 24 events once each, from after_create to after_fit", () => {
    expect(EVENTS).toHaveLength(24);
    expect(new Set(EVENTS).size).toBe(24);
    expect([EVENTS[0], EVENTS[23]]).toEqual(['after_create', 'after_fit']);
  });

  it('names exactly the Learner exception classes, in the same order', () => {
    expect(Object.keys(CANCEL_EXCEPTIONS)).toEqual([...CANCEL_NAMES]);
    for (const name of CANCEL_NAMES) expect(new CANCEL_EXCEPTIONS[name]().name).toBe(name);
  });

  it('covers every cancel the debugger offers at any event', () => {
    const offered = EVENTS.flatMap((e) => [...catchableCancels(e, true), ...catchableCancels(e, false)]);
    expect(offered.length).toBeGreaterThan(0);
    for (const c of offered) expect(CANCEL_NAMES).toContain(c);
  });
});
