// The visual debugger: the breakpoints the person set (sent to the worker by debug-bridge.ts) and
// the latest stop. It changes only on a pause or a resume, never per event of a running loop.
import type { StateCreator } from 'zustand';
import type { DebugBreakpoint, DebugCondition, DebugEvent, DebugPause } from '../messages';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';

export interface DebugState {
  breakpoints: DebugBreakpoint[];
  /** The latest stop; kept (shown dimmed) while the loop runs on, until the next one. */
  pause: DebugPause | null;
  /** True while the worker's loop waits at `pause`. */
  paused: boolean;
  /** Stops since the page loaded (tests and debugging). */
  stops: number;
}

export interface DebuggerSlice {
  debug: DebugState;
  addBreakpoint: (event: DebugEvent, conditions: DebugCondition[]) => void;
  toggleBreakpoint: (id: string) => void;
  removeBreakpoint: (id: string) => void;
}

let nextId = 1;

export const createDebuggerSlice: StateCreator<AppState, [], [], DebuggerSlice> = (set) => {
  const setBreakpoints = (f: (bps: DebugBreakpoint[]) => DebugBreakpoint[]) =>
    set((s) => ({ debug: { ...s.debug, breakpoints: f(s.debug.breakpoints) } }));
  return {
    debug: { breakpoints: [], pause: null, paused: false, stops: 0 },
    addBreakpoint: (event, conditions) => setBreakpoints((bps) => [...bps, { id: `bp${nextId++}`, event, enabled: true, conditions }]),
    toggleBreakpoint: (id) => setBreakpoints((bps) => bps.map((b) => (b.id === id ? { ...b, enabled: !b.enabled } : b))),
    removeBreakpoint: (id) => setBreakpoints((bps) => bps.filter((b) => b.id !== id)),
  };
};

/** The change one worker message makes to the debugger (null: not its business). Pure, so it is unit-tested. */
export function reduce(s: DebuggerSlice, msg: WorkerToPage): Partial<DebuggerSlice> | null {
  switch (msg.type) {
    case 'debug:paused':
      return { debug: { ...s.debug, pause: msg.pause, paused: true, stops: s.debug.stops + 1 } };
    case 'debug:resumed':
      return s.debug.paused ? { debug: { ...s.debug, paused: false } } : null;
    case 'status':
      // A run that ended is not paused, whatever message was lost on the way.
      return (msg.state === 'done' || msg.state === 'idle') && s.debug.paused ? { debug: { ...s.debug, paused: false } } : null;
    default:
      return null;
  }
}
