// The training loop's shape, as plain data for the debugger and the page (no tfjs, no DOM): which
// `withEvents` stages enclose each event, the Learner's call stack there, and — read from the text
// of src/learner/learner.ts — the source line of each event and of each frame.
import { EVENTS, type EventName, type EventStage } from './events';
import type { DebugFrame } from './debug';

/** A `withEvents` stage, or `phase`: train or validate, whichever is running. */
export type LoopStage = EventStage | 'phase';

/**
 * The `withEvents` stages whose try block is running at each event, innermost first. A stage's own
 * before_X runs inside its try; after_cancel_X and after_X run after it.
 */
export const ENCLOSING: Readonly<Record<EventName, readonly LoopStage[]>> = {
  after_create: [],
  before_fit: ['fit'],
  before_epoch: ['epoch', 'fit'],
  before_train: ['train', 'epoch', 'fit'],
  before_batch: ['batch', 'phase', 'epoch', 'fit'],
  after_pred: ['batch', 'phase', 'epoch', 'fit'],
  after_loss: ['batch', 'phase', 'epoch', 'fit'],
  before_backward: ['backward', 'batch', 'train', 'epoch', 'fit'],
  after_cancel_backward: ['batch', 'train', 'epoch', 'fit'],
  after_backward: ['batch', 'train', 'epoch', 'fit'],
  before_step: ['step', 'batch', 'train', 'epoch', 'fit'],
  after_cancel_step: ['batch', 'train', 'epoch', 'fit'],
  after_step: ['batch', 'train', 'epoch', 'fit'],
  after_cancel_batch: ['phase', 'epoch', 'fit'],
  after_batch: ['phase', 'epoch', 'fit'],
  after_cancel_train: ['epoch', 'fit'],
  after_train: ['epoch', 'fit'],
  before_validate: ['validate', 'epoch', 'fit'],
  after_cancel_validate: ['epoch', 'fit'],
  after_validate: ['epoch', 'fit'],
  after_cancel_epoch: ['fit'],
  after_epoch: ['fit'],
  after_cancel_fit: [],
  after_fit: [],
};

const STAGES: readonly EventStage[] = ['fit', 'epoch', 'train', 'validate', 'batch', 'backward', 'step'];
const STAGE_EVENT = /^(before|after_cancel|after)_(fit|epoch|train|validate|batch|backward|step)$/;

/** The stage whose `withEvents` fires this event (before_X, after_cancel_X, after_X), or null. */
export function stageOf(event: EventName): EventStage | null {
  const m = STAGE_EVENT.exec(event);
  return m ? (m[2] as EventStage) : null;
}

/** `phase` resolved: train or validate. */
export function resolveStage(stage: LoopStage, training: boolean): EventStage {
  return stage === 'phase' ? (training ? 'train' : 'validate') : stage;
}

/** How many `withEvents` try blocks are running at `event` (the length of ENCLOSING[event]). */
export function eventDepth(event: EventName): number {
  return ENCLOSING[event].length;
}

/**
 * The depth of the line that fires `event` in its caller: a before_X counts at the depth of the
 * `withEvents(…, 'X', …)` call (one less than eventDepth, whose count includes X's own try), so that
 * stepping over at after_loss lands on before_backward, the next line of doOneBatch.
 */
export function lineDepth(event: EventName): number {
  const d = ENCLOSING[event].length;
  return event.startsWith('before_') ? d - 1 : d;
}

/** Our Learner's methods on the loop's path and fastai's names of them. */
export const FASTAI_NAMES: Readonly<Record<string, string>> = {
  constructor: '__init__',
  fit: 'fit',
  withEvents: '_with_events',
  doFit: '_do_fit',
  doEpoch: '_do_epoch',
  doEpochTrain: '_do_epoch_train',
  doEpochValidate: '_do_epoch_validate',
  allBatches: 'all_batches',
  oneBatch: 'one_batch',
  doOneBatch: '_do_one_batch',
  backward: '_backward',
  step: '_step',
  call: '__call__',
  split: '_split',
  endCleanup: '_end_cleanup',
  createOpt: 'create_opt',
};

/**
 * For each stage, the methods between the enclosing stage's `withEvents` (its `f`) and this stage's
 * `withEvents` call, outermost first: `fit` calls withEvents('fit') → `doFit` → withEvents('epoch')
 * → `doEpoch` → `doEpochTrain` → withEvents('train') → `allBatches` → `oneBatch` → withEvents('batch')
 * → `doOneBatch` → withEvents('backward' | 'step').
 */
const CALLERS: Readonly<Record<EventStage, readonly string[]>> = {
  fit: ['fit'],
  epoch: ['doFit'],
  train: ['doEpoch', 'doEpochTrain'],
  validate: ['doEpoch', 'doEpochValidate'],
  batch: ['allBatches', 'oneBatch'],
  backward: ['doOneBatch'],
  step: ['doOneBatch'],
};

/** Events called straight from a method's body (not by withEvents): the method that calls them. */
const BODY: Partial<Record<EventName, string>> = {
  after_create: 'constructor',
  after_pred: 'doOneBatch',
  after_loss: 'doOneBatch',
};

export interface LoopContext {
  /** In the train phase (between before_train and before_validate), not validation. */
  training: boolean;
  epoch: number;
  nEpoch: number;
  iter: number;
  nIter: number;
}

/**
 * The Learner's call stack at `event`, outermost first: the Learner methods that are running there
 * (as V8's stack shows them, less `call`, which dispatches the event), e.g. at after_loss in training
 * `fit ▸ withEvents('fit') ▸ doFit (epoch 1/2) ▸ withEvents('epoch') ▸ doEpoch ▸ doEpochTrain ▸
 * withEvents('train') ▸ allBatches (iter 1/2) ▸ oneBatch ▸ withEvents('batch') ▸ doOneBatch`.
 * Epochs and iterations in `detail` count from 1.
 */
export function loopStack(event: EventName, ctx: LoopContext): DebugFrame[] {
  const stages = ENCLOSING[event].map((s) => resolveStage(s, ctx.training)).reverse();
  const own = stageOf(event);
  if (own && stages[stages.length - 1] !== own) stages.push(own);
  const frames: DebugFrame[] = [];
  for (const stage of stages) {
    for (const fn of CALLERS[stage]) frames.push(methodFrame(fn, ctx));
    frames.push({ fn: 'withEvents', fastai: FASTAI_NAMES.withEvents, stage, detail: null });
  }
  const body = BODY[event];
  if (body) frames.push(methodFrame(body, ctx));
  return frames;
}

function methodFrame(fn: string, ctx: LoopContext): DebugFrame {
  const detail = fn === 'doFit' ? `epoch ${ctx.epoch + 1}/${ctx.nEpoch}` : fn === 'allBatches' ? `iter ${ctx.iter + 1}/${ctx.nIter}` : null;
  return { fn, fastai: FASTAI_NAMES[fn] ?? fn, stage: null, detail };
}

// ---- the source text ----

interface Method {
  name: string;
  /** 1-based, inclusive. */
  start: number;
  end: number;
}

interface ParsedSource {
  methods: Method[];
  /** 1-based lines of each direct `this.call('event')` / `this.callSync('event')`, in order. */
  direct: Map<string, number[]>;
  /** The `this.withEvents(…, 'X', …)` call of each stage: its first line and the method it is in. */
  sites: Map<string, { line: number; method: string | null }>;
  /** The prefixes ('before', 'after_cancel', 'after') that withEvents fires generically (`before_${stage}`). */
  generic: Set<string>;
}

const METHOD_START =
  /^ {2}(?:(?:private|protected|public|static|override|readonly)\s+)*(?:async\s+)?(?:get\s+|set\s+)?(constructor|[A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\(/;

function parseSource(source: string): ParsedSource {
  const lines = source.split(/\r?\n/);
  const lineStarts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    lineStarts.push(offset);
    offset += l.length + 1;
  }
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  // The Learner class's methods: a member at two spaces of indentation, up to the line where its
  // braces balance again.
  const classStart = lines.findIndex((l) => /^export class Learner\b/.test(l));
  const methods: Method[] = [];
  if (classStart >= 0) {
    for (let i = classStart + 1; i < lines.length && !/^}/.test(lines[i]); i++) {
      const m = METHOD_START.exec(lines[i]);
      if (!m || /^(if|for|while|switch|return)$/.test(m[1])) continue;
      let end = i;
      let depth = 0;
      let opened = false;
      for (; end < lines.length; end++) {
        for (const ch of lines[end]) {
          if (ch === '{') {
            depth++;
            opened = true;
          } else if (ch === '}') depth--;
        }
        if (opened && depth <= 0) break;
      }
      methods.push({ name: m[1], start: i + 1, end: end + 1 });
      i = end;
    }
  }
  const methodAt = (line: number): string | null => methods.find((m) => m.start <= line && line <= m.end)?.name ?? null;

  const direct = new Map<string, number[]>();
  for (const m of source.matchAll(/this\.call(?:Sync)?\(\s*(['"`])(\w+)\1/g)) {
    const list = direct.get(m[2]) ?? [];
    list.push(lineAt(m.index));
    direct.set(m[2], list);
  }
  const sites = new Map<string, { line: number; method: string | null }>();
  for (const m of source.matchAll(/this\.withEvents\(([^;]*?)(['"])(\w+)\2/g)) {
    const line = lineAt(m.index);
    if (!sites.has(m[3])) sites.set(m[3], { line, method: methodAt(line) });
  }
  const generic = new Set<string>();
  const withEvents = methods.find((m) => m.name === 'withEvents');
  if (withEvents) {
    const body = lines.slice(withEvents.start - 1, withEvents.end).join('\n');
    for (const m of body.matchAll(/this\.call\(\s*`([a-z_]+?)_\$\{\s*\w+\s*\}`/g)) generic.add(m[1]);
  }
  return { methods, direct, sites, generic };
}

/** Every line of `source` that fires `event` (several for after_pred: with and without gradients). */
function eventLineList(p: ParsedSource, event: EventName): number[] {
  const direct = p.direct.get(event);
  if (direct?.length) return direct;
  const m = STAGE_EVENT.exec(event);
  if (m && p.generic.has(m[1])) {
    const site = p.sites.get(m[2]);
    if (site) return [site.line];
  }
  return [];
}

/**
 * For each of the 24 events, the 1-based line of `source` (the text of src/learner/learner.ts) that
 * fires it: the `this.call('after_pred')` line (the first, where there are several) for an event
 * called directly; for before_X / after_cancel_X / after_X, which withEvents fires generically
 * (`this.call(\`before_${stage}\`)`), the `this.withEvents(…, 'X', …)` call in X's caller. Throws
 * naming the events it could not find.
 */
export function eventLines(source: string): Record<EventName, number> {
  const p = parseSource(source);
  const out = {} as Record<EventName, number>;
  const missing: EventName[] = [];
  for (const event of EVENTS) {
    const list = eventLineList(p, event);
    if (list.length) out[event] = list[0];
    else missing.push(event);
  }
  if (missing.length) throw new Error(`eventLines: no line of the Learner's source fires ${missing.join(', ')}`);
  return out;
}

/**
 * A function giving the source line of each frame of a `loopStack` at `event`, aligned with it:
 * for a method, the line of the call it is making (in doFit the `withEvents(…, 'epoch', …)` line,
 * in doEpoch the `this.doEpochTrain()` line; the innermost frame's, the line firing the event); for
 * a withEvents frame, the call of that stage in its caller (withEvents is generic: its own lines
 * say nothing of the stage). After_pred's line is its training one when the stack is in
 * doEpochTrain, the other one in validation. 0 for a frame it does not know. Throws, naming them,
 * when the source lacks a call the loop's model has.
 */
export function frameLines(source: string): (stack: readonly DebugFrame[], event: EventName) => number[] {
  const p = parseSource(source);
  const missing: string[] = [];
  const calls = new Map<string, number>(); // `${caller}>${callee}` -> line
  const findCall = (caller: string, callee: string): void => {
    const m = p.methods.find((x) => x.name === caller);
    const line = m ? lineOfCall(source, m, callee) : 0;
    if (line) calls.set(`${caller}>${callee}`, line);
    else missing.push(`${caller} → ${callee}`);
  };
  for (const stage of STAGES) {
    const callers = CALLERS[stage];
    for (let i = 0; i + 1 < callers.length; i++) findCall(callers[i], callers[i + 1]);
    const site = p.sites.get(stage);
    const last = callers[callers.length - 1];
    if (!site || site.method !== last) missing.push(`${last} → withEvents('${stage}')`);
    else calls.set(`${last}>withEvents:${stage}`, site.line);
  }
  const events = new Map<EventName, number[]>();
  for (const event of EVENTS) {
    const list = eventLineList(p, event);
    if (list.length) events.set(event, list);
    else missing.push(event);
  }
  if (missing.length) throw new Error(`frameLines: the Learner's source lacks ${missing.join(', ')}`);

  return (stack, event) =>
    stack.map((frame, i) => {
      const next = stack[i + 1];
      if (frame.fn === 'withEvents') return p.sites.get(frame.stage ?? '')?.line ?? 0;
      if (!next) {
        const list = events.get(event) ?? [];
        return (stack.some((f) => f.fn === 'doEpochTrain') ? list[0] : list[list.length - 1]) ?? 0;
      }
      const key = next.fn === 'withEvents' ? `${frame.fn}>withEvents:${next.stage}` : `${frame.fn}>${next.fn}`;
      return calls.get(key) ?? 0;
    });
}

/** The first line in method `m` calling `this.callee(`. */
function lineOfCall(source: string, m: Method, callee: string): number {
  const lines = source.split(/\r?\n/);
  const re = new RegExp(`this\\.${callee}\\(`);
  for (let l = m.start; l <= m.end; l++) if (re.test(lines[l - 1])) return l;
  return 0;
}
