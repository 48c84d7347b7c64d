// The debugger's plain data, shared by the engine's LoopDebugger (src/debugger), the worker and
// the page: breakpoints and their conditions (and their check when read from a link), commands to a
// paused loop, and what a stop shows.
import { isEventName, type CancelName, type EventName } from './events';

/** One of fastai's 24 events. */
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

/**
 * step: into (the next event); stepOver: at a before_X, past the whole stage X (over before_backward
 * lands on before_step), elsewhere the next event at the same or an outer depth; stepOut: the after_X
 * of the innermost stage the loop is in (out of a batch lands on after_batch); runTo: the next time
 * the loop reaches that event.
 */
export type DebugCommand =
  | { kind: 'continue' }
  | { kind: 'step' }
  | { kind: 'stepOver' }
  | { kind: 'stepOut' }
  | { kind: 'runTo'; event: DebugEvent }
  | { kind: 'nextBatch' }
  | { kind: 'nextEpoch' }
  | { kind: 'cancel'; exception: DebugCancel };

/** One frame of the loop's call stack at a stop, outermost first (`fit ▸ withEvents('fit') ▸ doFit …`). */
export interface DebugFrame {
  /** The Learner method, as in src/learner/learner.ts: 'fit', 'withEvents', 'doFit', 'doOneBatch'… */
  fn: string;
  /** fastai's name of it: '_with_events', '_do_fit', '_do_one_batch'… */
  fastai: string;
  /** withEvents' stage ('fit', 'epoch', 'train', 'validate', 'batch', 'backward', 'step'); null for other frames. */
  stage: string | null;
  /** Where the loop stands in it: 'epoch 2/10', 'iter 3/4'; null when nothing to say. */
  detail: string | null;
}

/** Summary statistics of a tensor's values (NaN and ±Inf counted, left out of the others). */
export interface DebugStats {
  size: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  /** Share of exact zeros. */
  zeros: number;
  nan: number;
  inf: number;
  /** `counts.length` equal bins over [min, max]. */
  hist: { lo: number; hi: number; counts: number[] };
}

/** The values of one tensor at a stop: its first rows and its stats. */
export interface DebugValue {
  /** 'xb', 'yb', 'pred', 'loss', 'loss per sample', or a parameter's PyTorch-style name ('0.weight') for params, grads, updates. */
  name: string;
  /** The tfjs name (shown on hover), for parameters. */
  tfName?: string;
  kind: 'input' | 'target' | 'pred' | 'loss' | 'param' | 'grad' | 'update';
  shape: number[];
  /** The first rows (at most 8 rows × 8 columns), row-major, `rows` × `cols`. */
  head: { rows: number; cols: number; values: number[] };
  stats: DebugStats;
  /** Read at an earlier event than this stop (the last batch's gradients at before_batch): says which. */
  staleFrom: string | null;
}

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
  /** Values of the batch, the prediction, the loss, and per parameter its value, gradient and last update (bounded). */
  values: DebugValue[];
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
  /** The loop's call stack here, outermost first. */
  stack: DebugFrame[];
}

/** A short human description, e.g. "after_loss when epoch ≥ 1 and loss > 2". */
export function describeBreakpoint(bp: Pick<DebugBreakpoint, 'event' | 'conditions'>): string {
  const parts = bp.conditions.map((c) => {
    switch (c.kind) {
      case 'epoch':
      case 'iter':
        return `${c.kind} ${c.op === 'eq' ? '=' : '≥'} ${c.value}`;
      case 'lossAbove':
        return `loss > ${c.value}`;
      case 'lossNotFinite':
        return 'loss is not finite';
      case 'phase':
        return c.phase === 'train' ? 'training' : 'validating';
    }
  });
  return parts.length ? `${bp.event} when ${parts.join(' and ')}` : bp.event;
}

/** A breakpoint read from untrusted data (a link, a saved run): the checked value, or null. */
export function parseBreakpoint(b: unknown, id: string): DebugBreakpoint | null {
  if (!isPlainObject(b)) return null;
  const event = b.event;
  if (typeof event !== 'string' || !isEventName(event)) return null;
  const conds = b.conditions ?? [];
  if (!Array.isArray(conds) || conds.length > 10) return null;
  const conditions: DebugCondition[] = [];
  for (const c of conds) {
    const ok = parseCondition(c);
    if (!ok) return null;
    conditions.push(ok);
  }
  return { id, event, enabled: b.enabled !== false, conditions };
}

function parseCondition(c: unknown): DebugCondition | null {
  if (!isPlainObject(c)) return null;
  const wholeOk = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9;
  switch (c.kind) {
    case 'epoch':
    case 'iter':
      return (c.op === 'eq' || c.op === 'gte') && wholeOk(c.value) ? { kind: c.kind, op: c.op, value: c.value } : null;
    case 'lossAbove':
      return typeof c.value === 'number' && Number.isFinite(c.value) ? { kind: 'lossAbove', value: c.value } : null;
    case 'lossNotFinite':
      return { kind: 'lossNotFinite' };
    case 'phase':
      return c.phase === 'train' || c.phase === 'valid' ? { kind: 'phase', phase: c.phase } : null;
    default:
      return null;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
