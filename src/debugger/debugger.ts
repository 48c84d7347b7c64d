import * as tf from '@tensorflow/tfjs';
import { BATCH_EVENTS, CANCEL_EXCEPTIONS, type Callback, type EventName, type Learner, type LoopMonitor } from '../learner';
import { breakpointHits, describeBreakpoint, needsLoss, type Breakpoint } from './breakpoints';
import { captureState, describeChanges, type LoopState } from './changes';
import { takeSnapshot } from './snapshot';
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

type Mode = 'run' | 'step' | 'nextBatch' | 'nextEpoch';
const MAX_TIMELINE = 64;

/**
 * The visual debugger's engine: pauses the Learner at breakpoints or step by step (the Learner
 * awaits `beforeEvent`), records which callbacks ran at each event, how long each took and what
 * it changed, and can inject a Cancel exception at the current event. GPU values are read only
 * when pausing (or for a breakpoint whose condition needs the loss).
 */
export class LoopDebugger implements LoopMonitor {
  breakpoints: Breakpoint[] = [];
  private mode: Mode = 'run';
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
    this.mode = 'run';
    this.breakpoints = [];
    this.command({ kind: 'continue' });
    this.disposeParamsBefore();
  }

  get paused(): boolean {
    return this.release !== null;
  }

  /** Pause at the next event. */
  requestPause(): void {
    this.mode = 'step';
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
    if (this.mode === 'step') return this.pauseReason || 'step';
    if (this.mode === 'nextBatch' && event === 'before_batch') return 'next batch';
    if (this.mode === 'nextEpoch' && event === 'before_epoch') return 'next epoch';
    const candidates = this.breakpoints.filter((bp) => bp.enabled && bp.event === event);
    if (!candidates.length) return null;
    const learn = this.learn;
    const loss = candidates.some(needsLoss) && learn.loss && !learn.loss.isDisposed ? (await learn.loss.data())[0] : null;
    const ctx = { epoch: learn.epoch, iter: learn.iter, training: learn.training, loss };
    const hit = candidates.find((bp) => breakpointHits(bp, event, ctx));
    return hit ? `breakpoint: ${describeBreakpoint(hit)}` : null;
  }

  private async pause(event: EventName, reason: string): Promise<void> {
    this.mode = 'run';
    this.pauseReason = '';
    const snapshot = await takeSnapshot(this.learn, event, { paramsBefore: this.paramsBeforeStep });
    const cmd = await new Promise<DebugCommand>((resolve) => {
      this.release = resolve;
      this.onPause({ reason, snapshot, timeline: this.timeline.map(copyEntry), profile: this.profileEntries() });
    });
    if (cmd.kind === 'cancel') {
      this.mode = 'step'; // so the person sees after_cancel_X, then after_X
      this.current?.callbacks.push({ name: 'debugger', ms: 0, error: null, changes: [`raised ${cmd.exception}`] });
      throw new CANCEL_EXCEPTIONS[cmd.exception]();
    }
    this.mode = cmd.kind === 'continue' ? 'run' : cmd.kind;
  }

  /** Keeps the pre-step parameter values (clones share memory until the step writes) when a stop may follow. */
  private keepParamsBeforeStep(): void {
    this.disposeParamsBefore();
    if (this.mode === 'run' && !this.breakpoints.some((bp) => bp.enabled)) return;
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
