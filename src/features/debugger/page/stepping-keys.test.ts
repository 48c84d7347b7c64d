// The dev tools' stepping keys: F11 into, F10 over, Shift+F11 out, F8 continue; nothing else.
import { describe, expect, it } from 'vitest';
import { commandForKey } from './stepping-keys';

const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) =>
  commandForKey({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('commandForKey', () => {
  it('maps the dev tools’ keys to the stepping commands', () => {
    expect(key('F11')).toEqual({ kind: 'step' });
    expect(key('F10')).toEqual({ kind: 'stepOver' });
    expect(key('F11', { shiftKey: true })).toEqual({ kind: 'stepOut' });
    expect(key('F8')).toEqual({ kind: 'continue' });
  });

  it('leaves other keys and modified ones alone', () => {
    expect(key('F9')).toBeNull();
    expect(key('Enter')).toBeNull();
    expect(key('F10', { shiftKey: true })).toBeNull();
    expect(key('F8', { ctrlKey: true })).toBeNull();
    expect(key('F11', { metaKey: true })).toBeNull();
    expect(key('F11', { altKey: true, shiftKey: true })).toBeNull();
  });
});
