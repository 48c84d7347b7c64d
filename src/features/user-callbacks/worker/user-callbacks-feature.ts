// Callbacks the user wrote, worker side: each compiled module is loaded (a blob: module here, a
// data: URL in Node tests), its class checked and added to every new fit while enabled, and to the
// running fit between batches (Add, Update, Remove, the switch), logged on the run's timeline. A
// handler that throws stops the fit the fastai way and is mapped back to the user's line; the
// tensors each one leaves behind are named at the end of the fit; `this.log` values ride on the
// stream's messages; the call beacon says which handler runs.
import { UserCallback, type CallWatch } from '../../../callbacks/user-callback';
import { UserLog } from '../../../callbacks/user-log';
import { userScope } from '../../../callbacks/user-scope';
import { CallbackError, EVENTS, type EventName, type Learner } from '../../../learner';
import { BEACON, userLocation } from '../../../shared/user-code';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import type { Session } from '../../run/worker/session';
import type { TimelineEntry } from '../../callbacks/messages';
import { timelineEntry } from '../../callbacks/worker/timeline';
import type { CallbacksFeature } from '../../callbacks/worker/callbacks-feature';
import type { UserCallbackCode, UserCallbackInfo, UserCallbackLeak, UserCallbacksPageToWorker, UserCodeError } from '../messages';

/** Turns module text into a module; `url` is what the module's stack frames name. */
export type ModuleLoader = (js: string) => Promise<{ url: string; module: unknown; release(): void }>;

type UserClass = new () => UserCallback;

interface Entry {
  code: UserCallbackCode;
  cls: UserClass;
  url: string;
  release(): void;
  info: UserCallbackInfo;
  live: UserCallback | null;
}

/** What the feature needs of the session. */
export type UserCallbacksHost = Pick<Session, 'betweenBatches'>;

/** An error of the user's code: its message, and where in the user's source when the stack says. */
class UserCodeFailure extends Error {
  constructor(
    message: string,
    readonly cause: unknown,
    /** The module the cause's stack frames name. */
    readonly url = '',
  ) {
    super(message);
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`;
  return String(err);
}

/** Writes each user handler call into the page's beacon (four atomic stores, no message). */
export function beaconWatch(beacon: () => Int32Array | null): CallWatch {
  return {
    enter: (slot, event) => {
      const b = beacon();
      if (!b) return;
      Atomics.store(b, BEACON.slot, slot);
      Atomics.store(b, BEACON.event, EVENTS.indexOf(event));
      Atomics.store(b, BEACON.running, 1);
      Atomics.add(b, BEACON.calls, 1);
    },
    exit: () => {
      const b = beacon();
      if (b) Atomics.store(b, BEACON.running, 0);
    },
  };
}

export class UserCallbacksFeature implements WorkerFeature {
  private readonly entries = new Map<string, Entry>();
  private learn: Learner | null = null;
  private log: UserLog | null = null;
  private beacon: Int32Array | null = null;
  private nextSlot = 0;
  /** Tensors left by instances already removed from the current fit, by id. */
  private leaks = new Map<string, UserCallbackLeak>();
  private readonly watch = beaconWatch(() => this.beacon);

  readonly handlers: Handlers<UserCallbacksPageToWorker> = {
    'user-cb-add': (msg, session) => this.add(msg.code, msg.enabled, session),
    'user-cb-remove': (msg, session) => this.remove(msg.id, session),
    'user-cb-enable': (msg, session) => this.enable(msg.id, msg.enabled, session),
    'user-cb-beacon': (msg) => {
      this.beacon = new Int32Array(msg.buffer);
    },
  };

  constructor(
    private readonly send: Send,
    private readonly load: ModuleLoader,
    private readonly callbacks?: Pick<CallbacksFeature, 'setExtraCallbacks' | 'refresh'>,
  ) {
    callbacks?.setExtraCallbacks(() => this.enabled().map((e) => ({ name: e.info.className, make: () => new e.cls() })));
    this.sendState();
  }

  /** Loads the code and adds it (or replaces the callback with its id); between batches while training. */
  async add(code: UserCallbackCode, enabled: boolean, host: UserCallbacksHost): Promise<void> {
    let entry: Entry;
    try {
      entry = await this.loadEntry(code, enabled);
    } catch (err) {
      return this.reportLoad(code, err);
    }
    const old = this.entries.get(code.id);
    const clash = [...this.entries.values()].find((e) => e.code.id !== code.id && e.info.className === entry.info.className);
    if (clash) {
      entry.release();
      return this.reportLoad(
        code,
        new Error(`A callback named ${clash.info.className} is already added: rename this class, or Update that one`),
      );
    }
    entry.info.slot = old?.info.slot ?? this.nextSlot++;
    this.entries.set(code.id, entry);
    const queued = host.betweenBatches((learn) => {
      if (learn !== this.learn) return;
      if (old?.live) this.uninstall(learn, old);
      const text = old ? `${entry.info.className} updated: a new instance, its state starts fresh` : `${entry.info.className} added`;
      if (entry.info.enabled && this.installLive(learn, entry)) this.timeline(learn, old ? 'updated' : 'added', entry, text);
      else if (old?.live) this.timeline(learn, 'removed', entry, `${entry.info.className} removed`);
      old?.release();
      this.changed();
    });
    if (!queued) {
      old?.release();
      this.changed();
    }
  }

  remove(id: string, host: UserCallbacksHost): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    const queued = host.betweenBatches((learn) => {
      if (learn === this.learn && entry.live) {
        this.uninstall(learn, entry);
        this.timeline(learn, 'removed', entry, `${entry.info.className} removed`);
      }
      entry.release();
      this.changed();
    });
    if (!queued) {
      entry.release();
      this.changed();
    }
  }

  enable(id: string, enabled: boolean, host: UserCallbacksHost): void {
    const entry = this.entries.get(id);
    if (!entry || entry.info.enabled === enabled) return;
    entry.info.enabled = enabled;
    const queued = host.betweenBatches((learn) => {
      if (learn !== this.learn || !this.entries.has(id)) return;
      if (!enabled && entry.live) {
        this.uninstall(learn, entry);
        this.timeline(learn, 'off', entry, `${entry.info.className} off`);
      } else if (enabled && !entry.live && this.installLive(learn, entry)) {
        this.timeline(learn, 'on', entry, `${entry.info.className} on`);
      }
      this.changed();
    });
    if (!queued) this.changed();
  }

  attach(learn: Learner, session: Pick<Session, 'stream'>): void {
    this.learn = learn;
    this.leaks = new Map();
    const log = new UserLog();
    this.log = log;
    learn.addCb(log);
    session.stream?.addOutputs(() => {
      const chunk = log.take();
      return chunk ? { userLog: chunk } : null;
    });
    for (const e of this.enabled()) this.install(learn, e);
    this.changed();
  }

  detach(learn: Learner): void {
    for (const e of this.entries.values()) if (e.live) this.uninstall(learn, e);
    if (this.log) learn.removeCb(this.log);
    this.log = null;
    this.learn = null;
    const leaks = [...this.leaks.values()].filter((l) => l.count > 0);
    if (leaks.length) this.send({ type: 'user-cb-leaks', leaks });
    this.changed();
  }

  /** A handler of a user callback threw: say where in the user's source. */
  failed(err: unknown): void {
    if (!(err instanceof CallbackError)) return;
    const entry = [...this.entries.values()].find((e) => e.info.className === err.callbackName);
    if (entry) this.report(entry.code, entry.url, err.event, err.cause);
  }

  /** The ids it holds, for tests and the idle loop. */
  get infos(): UserCallbackInfo[] {
    return [...this.entries.values()].map((e) => ({ ...e.info, events: [...e.info.events] }));
  }

  private enabled(): Entry[] {
    return [...this.entries.values()].filter((e) => e.info.enabled);
  }

  private async loadEntry(code: UserCallbackCode, enabled: boolean): Promise<Entry> {
    const { url, module, release } = await this.load(code.js);
    try {
      const factory = (module as { default?: unknown } | null)?.default;
      if (typeof factory !== 'function') throw new Error('The compiled module has no callback: compile it with compileUserCallback');
      let cls: unknown;
      try {
        cls = (factory as (api: unknown) => unknown)(userScope());
      } catch (err) {
        throw new UserCodeFailure(messageOf(err), err);
      }
      if (typeof cls !== 'function' || !(cls.prototype instanceof UserCallback)) {
        throw new Error(`${code.className} must extend Callback (the one in scope)`);
      }
      const probe = this.construct(cls as UserClass);
      const info: UserCallbackInfo = {
        id: code.id,
        className: probe.className,
        name: probe.name,
        order: probe.order,
        events: EVENTS.filter((e) => probe.handles(e)),
        enabled,
        slot: -1,
      };
      probe.dispose();
      return { code, cls: cls as UserClass, url, release, info, live: null };
    } catch (err) {
      release();
      if (err instanceof UserCodeFailure) throw new UserCodeFailure(err.message, err.cause, url);
      throw new UserCodeFailure(messageOf(err), err, url);
    }
  }

  private construct(cls: UserClass): UserCallback {
    try {
      return new cls();
    } catch (err) {
      throw new UserCodeFailure(`its constructor threw: ${messageOf(err)}`, err);
    }
  }

  /** A new instance in a fit that has not started: its before_fit will run. */
  private install(learn: Learner, e: Entry): boolean {
    let cb: UserCallback;
    try {
      cb = this.construct(e.cls);
    } catch (err) {
      this.report(e.code, e.url, null, err);
      return false;
    }
    cb.watch = this.watch;
    cb.slot = e.info.slot;
    cb.sink = this.log;
    learn.addCb(cb);
    e.live = cb;
    return true;
  }

  /**
   * Installs into a running fit between batches, then runs the events of the fit it missed
   * (before_fit, before_epoch, before_train or before_validate), so its state is set as at a start.
   */
  private installLive(learn: Learner, e: Entry): boolean {
    if (!this.install(learn, e)) return false;
    const cb = e.live!;
    const missed: EventName[] = ['before_fit', 'before_epoch', learn.training ? 'before_train' : 'before_validate'];
    try {
      for (const event of missed) {
        const r = cb.callEvent(event);
        if (r) r.catch((err: unknown) => this.failLive(learn, e, err));
      }
    } catch (err) {
      this.failLive(learn, e, err);
      return false;
    }
    return true;
  }

  private failLive(learn: Learner, e: Entry, err: unknown): void {
    if (e.live) this.uninstall(learn, e);
    e.info.enabled = false;
    const cause = err instanceof CallbackError ? err.cause : err;
    this.report(e.code, e.url, err instanceof CallbackError ? err.event : null, cause);
    this.changed();
  }

  private uninstall(learn: Learner, e: Entry): void {
    const cb = e.live!;
    learn.removeCb(cb); // disposes it: counted too
    e.live = null;
    const leak = this.leaks.get(e.code.id) ?? { id: e.code.id, className: e.info.className, count: 0, byEvent: {} };
    for (const [event, n] of cb.kept) {
      leak.byEvent[event] = (leak.byEvent[event] ?? 0) + n;
      leak.count += n;
    }
    this.leaks.set(e.code.id, leak);
  }

  private reportLoad(code: UserCallbackCode, err: unknown): void {
    const failure = err instanceof UserCodeFailure ? err : new UserCodeFailure(messageOf(err), err);
    this.sendError({
      id: code.id,
      className: code.className,
      event: null,
      message: failure.message,
      ...this.where(failure.cause, failure.url),
    });
  }

  private report(code: UserCallbackCode, url: string, event: string | null, cause: unknown): void {
    const inner = cause instanceof UserCodeFailure ? cause.cause : cause;
    const message = cause instanceof UserCodeFailure ? cause.message : messageOf(cause);
    this.sendError({ id: code.id, className: code.className, event, message, ...this.where(inner, url) });
  }

  private where(err: unknown, url: string): Pick<UserCodeError, 'line' | 'column'> {
    const at = url ? userLocation(err instanceof Error ? err.stack : undefined, url) : null;
    return { line: at?.line ?? null, column: at?.column ?? null };
  }

  private sendError(error: UserCodeError): void {
    this.send({ type: 'user-cb-error', error });
  }

  private timeline(learn: Learner, kind: TimelineEntry['kind'], e: Entry, text: string): void {
    this.send({ type: 'callback-timeline', entry: timelineEntry(learn, { kind, name: e.info.className, text }) });
  }

  private changed(): void {
    this.sendState();
    this.callbacks?.refresh();
  }

  private sendState(): void {
    this.send({ type: 'user-cb-state', callbacks: this.infos });
  }
}
