// The browser dev tools' stepping keys, on the window while the loop is paused: F11 step into,
// F10 step over, Shift+F11 step out, F8 continue. Keys typed into a field stay the field's.
import { useEffect } from 'react';
import type { DebugCommand } from '../messages';
import { debugCommand } from './debugger-actions';

/** The dev tools' stepping keys: F11 into, F10 over, Shift+F11 out, F8 continue. */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>): DebugCommand | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.key === 'F11') return { kind: e.shiftKey ? 'stepOut' : 'step' };
  if (e.shiftKey) return null;
  if (e.key === 'F10') return { kind: 'stepOver' };
  if (e.key === 'F8') return { kind: 'continue' };
  return null;
}

/** Inputs whose keys are text: a checkbox or a button just focused does not keep the stepping keys. */
const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'password', 'tel']);

/** Keys typed into a text field are the field's (the event's own target, inside a shadow root too). */
export function typingIn(e: KeyboardEvent): boolean {
  const t = e.composedPath()[0] ?? e.target;
  if (!(t instanceof HTMLElement)) return false;
  if (t instanceof HTMLInputElement) return TEXT_INPUTS.has(t.type);
  return t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
}

/** While paused, the stepping keys on the window. */
export function useSteppingKeys(paused: boolean): void {
  useEffect(() => {
    if (!paused) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingIn(e)) return;
      const cmd = commandForKey(e);
      if (!cmd) return;
      e.preventDefault();
      debugCommand(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paused]);
}
