import { describe, expect, it } from 'vitest';
import { shownField } from './field-draft';

describe('what a number field shows', () => {
  it("the store's value, when nothing was typed or what was typed is not what the store holds", () => {
    expect(shownField(null, 0.05, false)).toEqual({ text: '0.05', error: null });
    // typed 3, the change was not taken (a dismissed "stop training?"): the store's 2
    expect(shownField({ text: '3', reason: null }, 2, false)).toEqual({ text: '2', error: null });
    // typed 0.01, then the LR finder's Use set 0.00316
    expect(shownField({ text: '0.01', reason: null }, 0.00316, false)).toEqual({ text: '0.00316', error: null });
  });

  it('the text typed while it spells the same value', () => {
    expect(shownField({ text: '0.10', reason: null }, 0.1, false)).toEqual({ text: '0.10', error: null });
    expect(shownField({ text: '1e-3', reason: null }, 0.001, false)).toEqual({ text: '1e-3', error: null });
  });

  it('a refused text, with its reason, only while the store still holds the refusal', () => {
    expect(shownField({ text: 'abc', reason: 'must be a number' }, 0.05, true)).toEqual({ text: 'abc', error: 'must be a number' });
    expect(shownField({ text: 'abc', reason: 'must be a number' }, 0.003, false)).toEqual({ text: '0.003', error: null });
  });
});
