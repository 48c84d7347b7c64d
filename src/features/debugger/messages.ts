// The debugger's messages: breakpoints (kept by the worker between runs), commands to a paused
// loop, and each stop as plain data (the Learner's state, the event timeline, the profile).
import type { CancelName, EventName } from '../../shared/events';

/** One of fastai's 24 events (src/shared/events.ts). */
export type DebugEvent = EventName;

/** One of fastai's seven Cancel exceptions. */
export type DebugCancel = CancelName;

export type DebugCondition =
  | { kind: 'epoch'; op: 'eq' | 'gte'; value: number }
  | { kind: 'iter'; op: 'eq' | 'gte'; value: number }
  | { kind: 'lossAbove'; value: number }
  | { kind: 'lossNotFinite' }
  | { kind: 'phase'; phase: 'train' | 'valid' };

export interface DebugBreakpoint {
  id: string;
  event: DebugEvent;
  enabled: boolean;
  /** All must hold. */
  conditions: DebugCondition[];
}

export type DebugCommand =
  | { kind: 'continue' }
  | { kind: 'step' }
  | { kind: 'nextBatch' }
  | { kind: 'nextEpoch' }
  | { kind: 'cancel'; exception: DebugCancel };

export interface DebugNamedNorm {
  name: string;
  norm: number;
}

export interface DebugTensor {
  shape: number[];
  dtype: string;
}

/** The first rows of the batch: `n` rows of `rowShape` values each (row-major). */
export interface DebugPreview {
  inputs: number[];
  rowShape: number[];
  n: number;
  labels: number[] | null;
  /** argmax of pred per row (classification) or its value (regression); null before after_pred. */
  predictions: number[] | null;
}

export interface DebugSnapshot {
  event: DebugEvent;
  epoch: number;
  nEpoch: number;
  iter: number;
  nIter: number;
  trainIter: number;
  pctTrain: number;
  training: boolean;
  hypers: Record<string, number> | null;
  xb: DebugTensor[];
  yb: DebugTensor[];
  pred: DebugTensor | null;
  loss: number | null;
  gradNorms: DebugNamedNorm[] | null;
  paramNorms: DebugNamedNorm[];
  updateNorms: DebugNamedNorm[] | null;
  preview: DebugPreview | null;
}

export interface DebugCallbackRun {
  name: string;
  ms: number;
  error: string | null;
  changes: string[];
}

export interface DebugTimelineEntry {
  event: DebugEvent;
  epoch: number;
  iter: number;
  training: boolean;
  callbacks: DebugCallbackRun[];
}

export interface DebugProfileEntry {
  name: string;
  calls: number;
  totalMs: number;
  maxMs: number;
}

/** Where a paused loop stands and what it looks like there. */
export interface DebugPause {
  reason: string;
  snapshot: DebugSnapshot;
  /** Events of the current batch (or the epoch-level ones before it), oldest first; the last is the current one. */
  timeline: DebugTimelineEntry[];
  profile: DebugProfileEntry[];
  /** The cancels that the loop catches at this event, innermost first. */
  cancels: DebugCancel[];
}

export type DebuggerPageToWorker =
  | { type: 'debug:breakpoints'; breakpoints: DebugBreakpoint[] }
  | { type: 'debug:command'; command: DebugCommand }
  | { type: 'debug:pauseNow' };

export type DebuggerWorkerToPage =
  /** The loop stopped at an event / runs on. */
  | { type: 'debug:paused'; pause: DebugPause }
  | { type: 'debug:resumed' };
