// The callbacks panel, worker side: the registry's catalog for the page, the user's choices
// (enabled + parameters) added to every new Learner, changes applied to a running fit between
// batches (and logged on the run's timeline), and fastai's show_training_loop after each change.
import {
  CALLBACK_REGISTRY,
  callbackInfo,
  displayName,
  resolveParams,
  type CallbackInfo,
  type CreateContext,
} from '../../../callbacks/registry';
import type { Callback, Learner } from '../../../learner';
import type { CallbackCatalogEntry, CallbackChoice, CallbacksPageToWorker, LoopLineData, ParamValues, TimelineEntry } from '../messages';
import { timelineEntry } from './timeline';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import type { Session } from '../../run/worker/session';
import { CallbackOutputsRelay } from './callback-outputs';
import { idleTrainingLoop, liveTrainingLoop } from './callback-loop';
import { isPlumbing } from '../../../shared/plumbing';
import { plumbingCatalog } from './plumbing';

/** A callback another feature adds to each new run (the user's own). */
export interface ExtraCallback {
  name: string;
  make: () => Callback;
}

/** What the feature needs of the session (tests drive it with a stand-in). */
export type CallbacksHost = Pick<Session, 'betweenBatches'>;

/** The registry's callbacks, then the page's plumbing (src/shared/plumbing.ts). */
export function callbackCatalog(): CallbackCatalogEntry[] {
  const registry = CALLBACK_REGISTRY.filter((c) => !isPlumbing(c.name)).map((c) => ({
    name: c.name,
    description: c.description,
    kind: c.kind,
    order: c.order,
    events: [...c.events],
    params: c.params.map((p) => ({ ...p })),
  }));
  return [...registry, ...plumbingCatalog()];
}

/** 0.01 → "0.01", 1e-7 → "1e-7", true → "true", an unset number ('') → "(empty)". */
export function formatParam(v: unknown): string {
  if (v === '') return '(empty)';
  if (typeof v !== 'number') return String(v);
  return String(Number(v.toPrecision(4))).replace('e+', 'e');
}

/** "lrMax 0.01 → 0.03, div 25 → 10" for the parameters that changed. */
export function paramChanges(before: ParamValues, after: ParamValues): string[] {
  return Object.keys(after)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k} ${formatParam(before[k])} → ${formatParam(after[k])}`);
}

export class CallbacksFeature implements WorkerFeature {
  /** Every optional callback's accepted choice (all off at first, with the registry's defaults). */
  private readonly choices: Record<string, CallbackChoice> = {};
  /** The instances this feature put into the current Learner, by registry name. */
  private readonly live = new Map<string, Callback>();
  private learn: Learner | null = null;
  /** CSVLogger's text and ActivationStats' records, for the stream's 'metrics' messages. */
  readonly outputs = new CallbackOutputsRelay();

  constructor(
    private readonly send: Send,
    /** What factories may need (CutMix: the image shape), from the host's current data. */
    private readonly context: (learn: Learner | null) => CreateContext = () => ({}),
  ) {
    for (const c of CALLBACK_REGISTRY) if (c.kind === 'optional') this.choices[c.name] = { enabled: false, params: resolveParams(c) };
    send({ type: 'callback-catalog', callbacks: callbackCatalog() });
    this.sendState();
  }

  attach(learn: Learner, session?: Pick<Session, 'stream'>): void {
    this.learn = learn;
    this.outputs.reset();
    const stream = session?.stream;
    stream?.addOutputs((final) => this.outputs.take(final));
    const on: string[] = [];
    for (const [name, choice] of Object.entries(this.choices)) {
      if (!choice.enabled) continue;
      const cb = this.create(name, choice.params, learn);
      if (!cb) continue;
      learn.addCb(cb);
      this.live.set(name, cb);
      this.outputs.watch(cb);
      on.push(name);
    }
    on.push(...this.extraCallbacks().map((e) => e.name));
    const text = on.length ? `Run starts with ${on.join(', ')}` : 'Run starts with the default callbacks only';
    this.timeline(learn, { kind: 'start', name: on.join(','), text });
    this.sendState();
  }

  detach(learn: Learner): void {
    for (const cb of this.live.values()) learn.removeCb(cb); // removeCb disposes it
    this.live.clear();
    this.learn = null;
    this.sendState();
  }

  readonly handlers: Handlers<CallbacksPageToWorker> = {
    'callback-set': (msg, session) => this.set(msg.name, msg.enabled, msg.params, session),
  };

  /** Validates and stores a choice; while training, applies it at the end of the current batch. */
  set(name: string, enabled: boolean, params: ParamValues, host: CallbacksHost): void {
    const info = callbackInfo(name);
    if (!info || info.kind !== 'optional') return this.refuse(name, `${name}: not a callback that can be switched on or off`);
    let resolved: ParamValues;
    try {
      resolved = resolveParams(info, params);
    } catch (err) {
      return this.refuse(name, err instanceof Error ? err.message : String(err));
    }
    const before = this.choices[name];
    const after = { enabled, params: resolved };
    this.choices[name] = after;
    const queued = host.betweenBatches((learn) => this.apply(learn, info, before, after));
    if (!queued) this.sendState();
  }

  /** Between batches: swaps the live instance for one with the new choice, and logs it. */
  private apply(learn: Learner, info: CallbackInfo, before: CallbackChoice, after: CallbackChoice): void {
    if (learn !== this.learn) return; // that fit is over; the choice holds for the next one
    const name = info.name;
    const changes = paramChanges(before.params, after.params);
    if (before.enabled === after.enabled && (!after.enabled || changes.length === 0)) return this.sendState();
    const old = this.live.get(name);
    if (old) learn.removeCb(old);
    this.live.delete(name);
    if (after.enabled) {
      const cb = this.create(name, after.params, learn);
      if (!cb) {
        this.choices[name] = { ...after, enabled: false };
        return this.sendState();
      }
      learn.addCb(cb);
      this.live.set(name, cb);
      this.outputs.watch(cb);
    }
    const kind = before.enabled === after.enabled ? 'params' : after.enabled ? 'on' : 'off';
    const what = kind === 'params' ? changes.join(', ') : kind;
    this.timeline(learn, { kind, name, text: `${name} ${what}` });
    this.sendState();
  }

  private create(name: string, params: ParamValues, learn: Learner): Callback | null {
    try {
      return callbackInfo(name)!.create!(params, this.context(learn));
    } catch (err) {
      this.refuse(name, err instanceof Error ? err.message : String(err));
      return null;
    }
  }

  private refuse(name: string, message: string): void {
    this.send({ type: 'callback-refused', name, message });
  }

  private timeline(learn: Learner, e: Pick<TimelineEntry, 'kind' | 'name' | 'text'>): void {
    this.send({ type: 'callback-timeline', entry: timelineEntry(learn, e) });
  }

  private loop(): LoopLineData[] {
    if (this.learn) return liveTrainingLoop(this.learn.cbs, displayName);
    const enabled = Object.entries(this.choices).filter(([, c]) => c.enabled);
    const registry = enabled.map(
      ([name, c]) =>
        () =>
          callbackInfo(name)!.create!(c.params, this.context(null)),
    );
    return idleTrainingLoop([...registry, ...this.extraCallbacks().map((e) => e.make)], displayName);
  }

  /** Other callbacks a new run starts with (the user's own), for show_training_loop; `refresh` after a change. */
  private extraCallbacks: () => ExtraCallback[] = () => [];

  setExtraCallbacks(extra: () => ExtraCallback[]): void {
    this.extraCallbacks = extra;
  }

  /** Sends show_training_loop again (the user's callbacks changed). */
  refresh(): void {
    this.sendState();
  }

  private sendState(): void {
    const choices: Record<string, CallbackChoice> = {};
    for (const [k, c] of Object.entries(this.choices)) choices[k] = { enabled: c.enabled, params: { ...c.params } };
    this.send({ type: 'callback-state', choices, loop: this.loop() });
  }
}
