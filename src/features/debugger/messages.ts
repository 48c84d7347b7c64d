// The debugger's messages: breakpoints (kept by the worker between runs), commands to a paused
// loop, and each stop (its plain data is src/shared/debug.ts, which the engine's debugger shares).
import type { DebugBreakpoint, DebugCommand, DebugPause } from '../../shared/debug';

export type {
  DebugEvent,
  DebugCancel,
  DebugCondition,
  DebugBreakpoint,
  DebugCommand,
  DebugNamedNorm,
  DebugTensor,
  DebugPreview,
  DebugSnapshot,
  DebugCallbackRun,
  DebugTimelineEntry,
  DebugProfileEntry,
  DebugPause,
} from '../../shared/debug';

export type DebuggerPageToWorker =
  | { type: 'debug:breakpoints'; breakpoints: DebugBreakpoint[] }
  | { type: 'debug:command'; command: DebugCommand }
  | { type: 'debug:pauseNow' };

export type DebuggerWorkerToPage =
  /** The loop stopped at an event / runs on. */
  { type: 'debug:paused'; pause: DebugPause } | { type: 'debug:resumed' };
