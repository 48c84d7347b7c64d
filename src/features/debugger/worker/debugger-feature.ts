// The visual debugger's worker side: keeps the page's breakpoints (also between runs), attaches a
// LoopDebugger to every Learner, forwards each pause to the page as plain data and takes the page's
// commands (step, next batch, next epoch, continue, pause now, inject a cancel).
import { LoopDebugger, catchableCancels, type PauseInfo } from '../../../debugger';
import type { Learner } from '../../../learner';
import type { DebugBreakpoint, DebugCancel, DebugPause, DebuggerPageToWorker } from '../messages';
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
      this.resume(session.send, () => this.dbg?.command(cmd) ?? false);
    },
  };

  constructor(private readonly send: Send) {}

  /** A paused loop must run on for the stop to reach it: no more stops in this run. */
  stopping(): void {
    if (this.dbg) {
      const dbg = this.dbg;
      dbg.breakpoints = [];
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

  private resume(send: Send, release: () => boolean): void {
    this.cancels = [];
    if (release()) send({ type: 'debug:resumed' });
  }

  private detachDebugger(): void {
    this.dbg?.detach();
    this.dbg = null;
    this.learn = null;
    this.cancels = [];
  }
}
