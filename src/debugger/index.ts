export { LoopDebugger, type DebugCommand, type PauseInfo, type TimelineEntry, type CallbackRun, type ProfileEntry } from './debugger';
export { breakpointHits, describeBreakpoint, type Breakpoint, type BreakCondition } from './breakpoints';
export { catchableCancels } from './cancels';
export type { LoopSnapshot, BatchPreview, NamedNorm, TensorSummary } from './snapshot';
export { loopStack, eventDepth, lineDepth, eventLines, frameLines, FASTAI_NAMES, ENCLOSING, type LoopContext } from '../shared/loop-source';
