// The visual debugger's worker side: keeps the page's breakpoints (also between runs), attaches a
// LoopDebugger to every Learner, forwards each pause to the page as plain data and takes the page's
// commands (step into / over / out, run to an event, next batch, next epoch, continue, pause now,
// inject a cancel) and the hyper-parameters changed while paused (applied as the loop resumes).
import { LoopDebugger, catchableCancels, type PauseInfo } from '../../../debugger';
import type { Learner } from '../../../learner';
import { timelineEntry } from '../../callbacks/worker/timeline';
import {
  DEBUG_HYPERS,
  hyperError,
  type DebugBreakpoint,
  type DebugCancel,
  type DebugHypers,
  type DebugPause,
  type DebuggerPageToWorker,
} from '../messages';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import type { Session } from '../../run/worker/session';

export class DebuggerFeature implements WorkerFeature {
  private breakpoints: DebugBreakpoint[] = [];
  private dbg: LoopDebugger | null = null;
  private learn: Learner | null = null;
  /** The cancels the loop catches where it is paused now (empty while it runs). */
  private cancels: DebugCancel[] = [];
  /** "Pause now" asked for before the Learner existed: honoured at its first event. */
  private pauseAtStart = false;
  /** lr / mom / wd set while paused: given to the optimizer just before the loop resumes. */
  private pendingHypers: DebugHypers = {};

  attach(learn: Learner, session: Session): void {
    this.detachDebugger();
    this.learn = learn;
    this.dbg = new LoopDebugger(learn, (info) => this.paused(info, session.send)).attach();
    this.dbg.breakpoints = this.breakpoints;
    if (this.pauseAtStart) this.dbg.requestPause();
    this.pauseAtStart = false;
  }

  detach(learn: Learner, session: Session): void {
    if (this.learn !== learn) return;
    const wasPaused = this.dbg?.paused ?? false;
    this.detachDebugger();
    if (wasPaused) session.send({ type: 'debug:resumed' });
  }

  readonly handlers: Handlers<DebuggerPageToWorker> = {
    'debug:breakpoints': (msg) => {
      this.breakpoints = msg.breakpoints.map((bp) => ({ ...bp, conditions: bp.conditions.map((c) => ({ ...c })) }));
      if (this.dbg) this.dbg.breakpoints = this.breakpoints;
    },
    'debug:pauseNow': (_msg, session) => {
      if (this.dbg) this.dbg.requestPause();
      else this.pauseAtStart = session.training;
    },
    'debug:command': (msg, session) => {
      const cmd = msg.command;
      if (cmd.kind === 'cancel' && !this.cancels.includes(cmd.exception)) {
        session.send({ type: 'error', message: `${cmd.exception} is not caught at this event: not injected`, where: 'message' });
        return;
      }
      this.resume(session.send, () => this.dbg?.command(cmd) ?? false, true);
    },
    'debug:setHypers': (msg, session) => {
      if (!this.dbg?.paused || !this.learn?.opt) {
        session.send({ type: 'error', message: 'Hyper-parameters can be changed only while the loop is paused', where: 'message' });
        return;
      }
      const hypers = (typeof msg.hypers === 'object' && msg.hypers) || {};
      const checked: DebugHypers = {};
      for (const key of DEBUG_HYPERS) {
        const value = hypers[key];
        if (value === undefined) continue;
        const err = typeof value === 'number' ? hyperError(key, value) : `${key} must be a number`;
        if (err) {
          session.send({ type: 'error', message: `${err}: hyper-parameters not changed`, where: 'message' });
          return;
        }
        checked[key] = value;
      }
      this.pendingHypers = { ...this.pendingHypers, ...checked };
    },
  };

  constructor(private readonly send: Send) {}

  /** A paused loop must run on for the stop to reach it: no more stops in this run. */
  stopping(): void {
    if (this.dbg) {
      const dbg = this.dbg;
      dbg.breakpoints = [];
      this.pendingHypers = {};
      this.resume(this.send, () => dbg.command({ kind: 'continue' }));
    }
    this.pauseAtStart = false;
  }

  private paused(info: PauseInfo, send: Send): void {
    const { event, training } = info.snapshot;
    this.cancels = catchableCancels(event, training);
    const pause: DebugPause = { ...info, cancels: this.cancels };
    send({ type: 'debug:paused', pause });
  }

  private resume(send: Send, release: () => boolean, applyHypers = false): void {
    if (applyHypers && this.dbg?.paused) this.applyHypers(send);
    this.cancels = [];
    if (release()) send({ type: 'debug:resumed' });
  }

  /** The pending lr / mom / wd into the optimizer, and a line of the run's timeline saying so. */
  private applyHypers(send: Send): void {
    const pending = this.pendingHypers;
    this.pendingHypers = {};
    const learn = this.learn;
    const opt = learn?.opt;
    if (!learn || !opt) return;
    const changes = DEBUG_HYPERS.flatMap((key) => {
      const value = pending[key];
      return value === undefined || value === opt.hypers[key] ? [] : [`${key} ${fmt(opt.hypers[key])} → ${fmt(value)}`];
    });
    if (!changes.length) return;
    opt.setHypers(pending);
    const entry = timelineEntry(learn, { kind: 'params', name: 'optimizer', text: changes.join(', ') });
    send({ type: 'callback-timeline', entry: { ...entry, text: `${entry.text}, while paused` } });
  }

  private detachDebugger(): void {
    this.dbg?.detach();
    this.dbg = null;
    this.learn = null;
    this.cancels = [];
    this.pendingHypers = {};
  }
}

const fmt = (v: number) => String(Number(v.toPrecision(6)));
