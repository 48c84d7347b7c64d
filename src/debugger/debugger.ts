import * as tf from '@tensorflow/tfjs';
import { BATCH_EVENTS, CANCEL_EXCEPTIONS, type Callback, type EventName, type Learner, type LoopMonitor } from '../learner';
import { breakpointHits, describeBreakpoint, needsLoss, type Breakpoint } from './breakpoints';
import { captureState, describeChanges, type LoopState } from './changes';
import { takeSnapshot } from './snapshot';
import { ENCLOSING, eventDepth, lineDepth, loopStack, resolveStage, stageOf } from '../shared/loop-source';
import type {
  DebugCallbackRun as CallbackRun,
  DebugCommand,
  DebugPause,
  DebugProfileEntry as ProfileEntry,
  DebugTimelineEntry as TimelineEntry,
} from '../shared/debug';

export type { CallbackRun, DebugCommand, ProfileEntry, TimelineEntry };

/** What a stop shows; the protocol's DebugPause adds the catchable cancels. */
export type PauseInfo = Omit<DebugPause, 'cancels'>;

/**
 * Where the loop stops next, besides breakpoints. over: the next event whose line is at `depth` or
 * shallower; overStage: past after_X of the stage X being stepped over (then `passed`: the very next
 * event), or out early where an outer cancel ends X; out: the first event outside the try block of
 * depth `depth` (the stage's after_X), after_cancel_X excepted.
 */
type Mode =
  | { kind: 'run' | 'step' | 'nextBatch' | 'nextEpoch' }
  | { kind: 'runTo'; event: EventName }
  | { kind: 'over'; depth: number }
  | { kind: 'overStage'; depth: number; after: EventName; afterCancel: EventName; passed: boolean }
  | { kind: 'out'; depth: number; afterCancel: EventName };

const RUN: Mode = { kind: 'run' };
const STEP: Mode = { kind: 'step' };
const NEXT_BATCH: Mode = { kind: 'nextBatch' };
const NEXT_EPOCH: Mode = { kind: 'nextEpoch' };
const MAX_TIMELINE = 64;

/**
 * The visual debugger's engine: pauses the Learner at breakpoints or step by step (the Learner
 * awaits `beforeEvent`), records which callbacks ran at each event, how long each took and what
 * it changed, and can inject a Cancel exception at the current event. GPU values are read only
 * when pausing (or for a breakpoint whose condition needs the loss).
 */
export class LoopDebugger implements LoopMonitor {
  breakpoints: Breakpoint[] = [];
  private mode: Mode = RUN;
  /** The phase the loop is in, as its before_train / before_validate said; null until one is seen. */
  private phase: 'train' | 'validate' | null = null;
  private pauseReason = '';
  private release: ((cmd: DebugCommand) => void) | null = null;
  private timeline: TimelineEntry[] = [];
  private current: TimelineEntry | null = null;
  private state: LoopState | null = null;
  private readonly profile = new Map<string, ProfileEntry>();
  private paramsBeforeStep: tf.Tensor[] | null = null;

  constructor(
    private readonly learn: Learner,
    private readonly onPause: (info: PauseInfo) => void,
  ) {}

  attach(): this {
    this.learn.monitor = this;
    return this;
  }

  /** Detaches and lets a paused loop run on. */
  detach(): void {
    if (this.learn.monitor === this) this.learn.monitor = null;
    this.mode = RUN;
    this.breakpoints = [];
    this.command({ kind: 'continue' });
    this.disposeParamsBefore();
  }

  get paused(): boolean {
    return this.release !== null;
  }

  /** Pause at the next event. */
  requestPause(): void {
    this.mode = STEP;
    this.pauseReason = 'paused';
  }

  /** Resumes a paused loop; false when it is not paused. */
  command(cmd: DebugCommand): boolean {
    const release = this.release;
    if (!release) return false;
    this.release = null;
    release(cmd);
    return true;
  }

  profileEntries(): ProfileEntry[] {
    return [...this.profile.values()].sort((a, b) => b.totalMs - a.totalMs);
  }

  async beforeEvent(event: EventName): Promise<void> {
    const learn = this.learn;
    if (event === 'before_batch' || event === 'before_fit') this.timeline = this.timeline.filter((e) => !isBatchLevel(e));
    if (event === 'before_fit') this.profile.clear();
    if (event === 'before_train') this.phase = 'train';
    else if (event === 'before_validate') this.phase = 'validate';
    this.current = { event, epoch: learn.epoch, iter: learn.iter, training: learn.training, callbacks: [] };
    this.timeline.push(this.current);
    if (this.timeline.length > MAX_TIMELINE) this.timeline.shift();
    this.state = captureState(learn);
    if (event === 'before_step') this.keepParamsBeforeStep();
    if (event === 'before_batch' || event === 'after_fit') this.disposeParamsBefore();

    const reason = await this.reasonToPause(event);
    if (reason) await this.pause(event, reason);
  }

  afterCallback(event: EventName, cb: Callback, ms: number, error: unknown): void {
    const after = captureState(this.learn);
    const changes = this.state ? describeChanges(this.state, after) : [];
    this.state = after;
    const failed = error && !(error instanceof Error && error.name.startsWith('Cancel')) ? String(error) : null;
    const raised = error instanceof Error && error.name.startsWith('Cancel') ? [`raised ${error.name}`] : [];
    this.current?.callbacks.push({ name: cb.className, ms, error: failed, changes: [...changes, ...raised] });
    const p = this.profile.get(cb.className) ?? { name: cb.className, calls: 0, totalMs: 0, maxMs: 0 };
    p.calls += 1;
    p.totalMs += ms;
    p.maxMs = Math.max(p.maxMs, ms);
    this.profile.set(cb.className, p);
    void event;
  }

  afterEvent(): void {}

  private async reasonToPause(event: EventName): Promise<string | null> {
    const stepping = this.mode.kind === 'run' ? null : this.steppingStop(event);
    if (stepping) return stepping;
    const candidates = this.breakpoints.filter((bp) => bp.enabled && bp.event === event);
    if (!candidates.length) return null;
    const learn = this.learn;
    const loss = candidates.some(needsLoss) && learn.loss && !learn.loss.isDisposed ? (await learn.loss.data())[0] : null;
    const ctx = { epoch: learn.epoch, iter: learn.iter, training: learn.training, loss };
    const hit = candidates.find((bp) => breakpointHits(bp, event, ctx));
    return hit ? `breakpoint: ${describeBreakpoint(hit)}` : null;
  }

  /** Whether the stepping mode stops at `event` (and why); may move the mode on. */
  private steppingStop(event: EventName): string | null {
    const m = this.mode;
    switch (m.kind) {
      case 'step':
        return this.pauseReason || 'step';
      case 'nextBatch':
        return event === 'before_batch' ? 'next batch' : null;
      case 'nextEpoch':
        return event === 'before_epoch' ? 'next epoch' : null;
      case 'runTo':
        return event === m.event ? `run to ${event}` : null;
      case 'over':
        return lineDepth(event) <= m.depth ? 'step over' : null;
      case 'overStage':
        if (m.passed) return 'step over';
        if (eventDepth(event) >= m.depth || event === m.afterCancel) return null; // still in the stage
        if (event !== m.after) return 'step over'; // an outer stage's cancel ended it
        if (event === 'after_fit')
          this.mode = RUN; // nothing follows in this fit
        else m.passed = true;
        return null;
      case 'out':
        return eventDepth(event) < m.depth && event !== m.afterCancel ? 'step out' : null;
      case 'run':
        return null;
    }
  }

  /** The mode a command asks for, paused at `event`. */
  private modeFor(cmd: Exclude<DebugCommand, { kind: 'cancel' }>, event: EventName): Mode {
    switch (cmd.kind) {
      case 'continue':
        return RUN;
      case 'step':
        return STEP;
      case 'nextBatch':
        return NEXT_BATCH;
      case 'nextEpoch':
        return NEXT_EPOCH;
      case 'runTo':
        return { kind: 'runTo', event: cmd.event };
      case 'stepOver': {
        const stage = event.startsWith('before_') ? stageOf(event) : null;
        if (stage) {
          const after = `after_${stage}` as EventName;
          return { kind: 'overStage', depth: eventDepth(event), after, afterCancel: `after_cancel_${stage}` as EventName, passed: false };
        }
        return event === 'after_fit' ? RUN : { kind: 'over', depth: lineDepth(event) };
      }
      case 'stepOut': {
        const inner = ENCLOSING[event][0];
        if (!inner) return RUN;
        const stage = resolveStage(inner, this.inTraining());
        return { kind: 'out', depth: eventDepth(event), afterCancel: `after_cancel_${stage}` as EventName };
      }
    }
  }

  /** In the train phase: as the loop's events said, else (attached mid-fit) as `learn.training` says. */
  private inTraining(): boolean {
    return this.phase ? this.phase === 'train' : this.learn.training;
  }

  private async pause(event: EventName, reason: string): Promise<void> {
    this.mode = RUN;
    this.pauseReason = '';
    const learn = this.learn;
    const backwardCancelled = this.timeline.some((e) => e.event === 'after_cancel_backward');
    const snapshot = await takeSnapshot(learn, event, { paramsBefore: this.paramsBeforeStep, backwardCancelled });
    const ctx = { training: this.inTraining(), epoch: learn.epoch, nEpoch: learn.nEpoch, iter: learn.iter, nIter: learn.nIter };
    const stack = loopStack(event, ctx);
    const cmd = await new Promise<DebugCommand>((resolve) => {
      this.release = resolve;
      this.onPause({ reason, snapshot, timeline: this.timeline.map(copyEntry), profile: this.profileEntries(), stack });
    });
    if (cmd.kind === 'cancel') {
      this.mode = STEP; // so the person sees after_cancel_X, then after_X
      this.current?.callbacks.push({ name: 'debugger', ms: 0, error: null, changes: [`raised ${cmd.exception}`] });
      throw new CANCEL_EXCEPTIONS[cmd.exception]();
    }
    this.mode = this.modeFor(cmd, event);
  }

  /** Keeps the pre-step parameter values (clones share memory until the step writes) when a stop may follow. */
  private keepParamsBeforeStep(): void {
    this.disposeParamsBefore();
    if (this.mode.kind === 'run' && !this.breakpoints.some((bp) => bp.enabled)) return;
    this.paramsBeforeStep = this.learn.params.map((p) => p.clone());
  }

  private disposeParamsBefore(): void {
    if (this.paramsBeforeStep) tf.dispose(this.paramsBeforeStep);
    this.paramsBeforeStep = null;
  }
}

const BATCH_LEVEL = new Set<string>(BATCH_EVENTS);
const isBatchLevel = (e: TimelineEntry) => BATCH_LEVEL.has(e.event);
const copyEntry = (e: TimelineEntry): TimelineEntry => ({ ...e, callbacks: e.callbacks.map((c) => ({ ...c, changes: [...c.changes] })) });
