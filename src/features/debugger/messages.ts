// The debugger's messages: breakpoints (kept by the worker between runs), commands to a paused
// loop, hyper-parameters changed while paused, and each stop (its plain data is src/shared/debug.ts, which the engine's debugger shares).
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
  DebugFrame,
  DebugValue,
  DebugStats,
} from '../../shared/debug';

/** The hyper-parameters the person may change while the loop is paused. */
export interface DebugHypers {
  lr?: number;
  mom?: number;
  wd?: number;
}

export type DebuggerPageToWorker =
  | { type: 'debug:breakpoints'; breakpoints: DebugBreakpoint[] }
  | { type: 'debug:command'; command: DebugCommand }
  /** While paused: the optimizer's lr / mom / wd from the next step on (applied as the loop resumes). */
  | { type: 'debug:setHypers'; hypers: DebugHypers }
  | { type: 'debug:pauseNow' };

export type DebuggerWorkerToPage =
  /** The loop stopped at an event / runs on. */
  { type: 'debug:paused'; pause: DebugPause } | { type: 'debug:resumed' };

/** Why `value` is not a valid `key` (null: it is): lr positive and finite, 0 ≤ mom < 1, wd ≥ 0 and finite. */
export function hyperError(key: keyof DebugHypers, value: number): string | null {
  if (!Number.isFinite(value)) return `${key} must be a finite number`;
  switch (key) {
    case 'lr':
      return value > 0 ? null : 'lr must be > 0';
    case 'mom':
      return value >= 0 && value < 1 ? null : 'mom must be in [0, 1)';
    case 'wd':
      return value >= 0 ? null : 'wd must be ≥ 0';
  }
}

export const DEBUG_HYPERS: readonly (keyof DebugHypers)[] = ['lr', 'mom', 'wd'];
