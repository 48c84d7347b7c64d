import * as tf from '@tensorflow/tfjs';
import { Callback, type CallbackClass, type CbArg } from './callback';
import type { Batch, DataLoaderLike, DataLoaders, FitOptions, LearnerOptions } from './learner-types';
import { EVENTS, isEventName, type EventName, type EventStage } from './events';
import {
  CancelBackwardException,
  CancelBatchException,
  CancelEpochException,
  CancelException,
  CancelFitException,
  CancelStepException,
  CancelTrainException,
  CancelValidException,
} from './exceptions';
import type { LoopMonitor } from './monitor';
import { Adam, type Hypers, type OptFunc, type Optimizer } from './optimizer';
import type { LossFunc, Metric } from './losses';
import { normBiasMask } from './norm-bias';
import { Recorder } from './recorder';
import { SkipToEpoch } from './skip-to-epoch';
import { TrainEvalCallback } from './train-eval';

type CancelClass = new (...args: never[]) => CancelException;
type Step = () => void | Promise<void>;

/**
 * fastai's `Learner`: the training loop as nested `withEvents` stages, driven by callbacks.
 *
 * tfjs records its gradient tape in one synchronous call, so in training the forward pass,
 * the loss and the gradients are computed together when the batch starts; the events still
 * fire in fastai's order and `learn.grads` appears at `backward`. Callbacks change what is
 * differentiated through `xb`/`yb` (before_batch) or `lossFunc`; replacing `pred` at after_pred
 * or `loss` at after_loss changes what is recorded, not the gradients.
 */
export class Learner {
  readonly dls: DataLoaders;
  readonly model: tf.LayersModel;
  lossFunc: LossFunc;
  optFunc: OptFunc;
  lr: number;
  wd: number | undefined;
  /** Weight decay on biases and normalization layers too (fastai's `wd_bn_bias`, default false). */
  wdBnBias: boolean;
  /** Marks normalization-layer parameters `forceTrain` in the optimizer (fastai's `train_bn`, default true). */
  trainBn: boolean;
  metrics: Metric[];
  nInp: number | undefined;
  cbs: Callback[] = [];
  opt: Optimizer | null = null;

  // Loop state, as fastai names it (camelCase).
  nEpoch = 1;
  epoch = 0;
  iter = 0;
  nIter = 0;
  trainIter = 0;
  pctTrain = 0;
  /** False until TrainEvalCallback sets it, as fastai's `Learner.__init__`. */
  training = false;
  dl: DataLoaderLike | null = null;
  xb: tf.Tensor[] = [];
  yb: tf.Tensor[] = [];
  pred: tf.Tensor | null = null;
  loss: tf.Scalar | null = null;
  /** Gradients aligned with `params`, from `backward` until `zeroGrad` (they accumulate if it is skipped). */
  grads: tf.Tensor[] | null = null;
  /** Exponentially smoothed training loss, set by the Recorder as values are read back. */
  smoothLoss: number | undefined;
  /** The debugger, when attached: told of every event and every callback run. */
  monitor: LoopMonitor | null = null;

  private sorted: { cbs: Callback[]; orders: number[]; result: Callback[] } | null = null;
  private gradEnabled = true;
  private batch: Batch = [];
  private pendingGrads: tf.Tensor[] | null = null;
  /**
   * The pred and loss this batch computed, disposed with the batch even when a cancel keeps one out
   * of `pred`/`loss` or a callback replaces it there.
   */
  private made: tf.Tensor[] = [];
  /** Whether a backward has ever run: from then on PyTorch's `.grad` exists (zeroed, not None) at every step. */
  private hadGrads = false;

  constructor(dls: DataLoaders, model: tf.LayersModel, opts: LearnerOptions) {
    this.dls = dls;
    this.model = model;
    this.lossFunc = opts.lossFunc;
    this.optFunc = opts.optFunc ?? Adam;
    this.lr = opts.lr ?? 1e-3;
    this.wd = opts.wd;
    this.wdBnBias = opts.wdBnBias ?? false;
    this.trainBn = opts.trainBn ?? true;
    this.metrics = opts.metrics ?? [];
    this.nInp = opts.nInp;
    if (opts.defaultCbs ?? true) this.addCbs([TrainEvalCallback, Recorder]);
    this.addCbs(opts.cbs ?? []);
    this.callSync('after_create');
  }

  /** The model's trainable variables, in layer order. */
  get params(): tf.Variable[] {
    return this.model.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  get recorder(): Recorder | undefined {
    return this.cb(Recorder);
  }

  // ---- callback management (fastai's add_cb / remove_cb) ----

  addCb(cb: CbArg): this {
    const instance = typeof cb === 'function' ? new cb() : cb;
    instance.learn = this;
    this.cbs.push(instance);
    this.sorted = null;
    return this;
  }

  addCbs(cbs: readonly CbArg[]): this {
    cbs.forEach((cb) => this.addCb(cb));
    return this;
  }

  /** Removes an instance, or every instance of a class. */
  removeCb(cb: Callback | CallbackClass): this {
    const doomed = typeof cb === 'function' ? this.cbs.filter((c) => c instanceof cb) : [cb];
    for (const c of doomed) {
      const i = this.cbs.indexOf(c);
      if (i < 0) continue;
      this.cbs.splice(i, 1);
      c.dispose();
      c.learn = null;
    }
    this.sorted = null;
    return this;
  }

  removeCbs(cbs: readonly (Callback | CallbackClass)[]): this {
    cbs.forEach((cb) => this.removeCb(cb));
    return this;
  }

  /** The last added callback of a class. */
  cb<T extends Callback>(cls: abstract new (...args: never[]) => T): T | undefined {
    for (let i = this.cbs.length - 1; i >= 0; i--) {
      const c = this.cbs[i];
      if (c instanceof cls) return c as T;
    }
    return undefined;
  }

  /** The last added callback with this name (fastai sets it as `learn.<name>`). */
  cbByName(name: string): Callback | undefined {
    for (let i = this.cbs.length - 1; i >= 0; i--) if (this.cbs[i].name === name) return this.cbs[i];
    return undefined;
  }

  /**
   * Callbacks in the order they run: fastai's `cbs.sorted('order')`, a stable sort of `cbs` by
   * `order`, redone whenever the list or any order has changed since the last one.
   */
  get orderedCbs(): readonly Callback[] {
    const s = this.sorted;
    if (s && sameCbs(s, this.cbs)) return s.result;
    const cbs = [...this.cbs];
    this.sorted = { cbs, orders: cbs.map((c) => c.order), result: [...cbs].sort((a, b) => a.order - b.order) };
    return this.sorted.result;
  }

  // ---- events ----

  /** fastai's `Learner.__call__`: runs one event through every callback, awaiting each. */
  async call(event: EventName): Promise<void> {
    if (!isEventName(event)) throw new Error(`Unknown event \`${String(event)}\`; the events are ${EVENTS.join(', ')}`);
    if (this.monitor) return this.callMonitored(event, this.monitor);
    for (const cb of this.orderedCbs) {
      if (cb.learn !== this) continue; // removed by an earlier callback during this event
      const pending = cb.callEvent(event);
      if (pending) await pending;
    }
  }

  private async callMonitored(event: EventName, monitor: LoopMonitor): Promise<void> {
    await monitor.beforeEvent(event);
    for (const cb of this.orderedCbs) {
      if (cb.learn !== this) continue;
      const runs = cb.runsAt(event);
      const start = performance.now();
      let error: unknown = null;
      try {
        const pending = cb.callEvent(event);
        if (pending) await pending;
      } catch (err) {
        error = err;
        throw err;
      } finally {
        if (runs) monitor.afterCallback(event, cb, performance.now() - start, error);
      }
    }
    await monitor.afterEvent(event);
  }

  /** `after_create` runs inside the constructor, so its handlers must be synchronous. */
  private callSync(event: EventName): void {
    for (const cb of this.orderedCbs) {
      const pending = cb.callEvent(event);
      if (pending) {
        pending.catch(() => undefined);
        throw new Error(`${cb.className}.${event} must be synchronous: it runs in the Learner's constructor`);
      }
    }
  }

  /** fastai's `_with_events`: before_X, f, on CancelX after_cancel_X, then after_X, then final. */
  private async withEvents(f: Step, stage: EventStage, cancel: CancelClass, final?: Step): Promise<void> {
    try {
      await this.call(`before_${stage}` as EventName);
      await f();
    } catch (err) {
      if (!(err instanceof cancel)) throw err;
      await this.call(`after_cancel_${stage}` as EventName);
    }
    await this.call(`after_${stage}` as EventName);
    if (final) await final();
  }

  // ---- the loop ----

  async fit(nEpoch: number, opts: FitOptions = {}): Promise<void> {
    const { lr, wd, resetOpt = false, startEpoch = 0 } = opts;
    const extra: CbArg[] = [...(opts.cbs ?? [])];
    if (startEpoch !== 0) extra.push(new SkipToEpoch(startEpoch));
    // fastai's `added_cbs`: afterwards a class is removed with `remove_cb(type)` — every instance of
    // it — and an instance that was already in `cbs` stays, once (fastai appends it a second time,
    // runs it twice and leaves one copy detached; here it is not added again).
    const before = new Set(this.cbs);
    this.addCbs(extra.filter((cb) => typeof cb === 'function' || !before.has(cb)));
    const added = this.cbs.filter((c) => !before.has(c));
    const classes = extra.filter((cb): cb is CallbackClass => typeof cb === 'function');
    try {
      if (resetOpt || !this.opt) this.createOpt();
      const opt = this.opt!;
      const decay = wd ?? this.wd;
      if (decay !== undefined) opt.setHypers({ wd: decay });
      opt.setHypers({ lr: lr ?? this.lr });
      this.nEpoch = nEpoch;
      await this.withEvents(
        () => this.doFit(),
        'fit',
        CancelFitException,
        () => this.endCleanup(),
      );
    } catch (err) {
      this.endCleanup();
      this.cbs.forEach((c) => c.dispose());
      throw err;
    } finally {
      this.removeCbs([...added, ...classes]);
    }
  }

  createOpt(): void {
    this.opt?.dispose();
    this.opt = this.makeOpt({ lr: this.lr, ...(this.wd === undefined ? {} : { wd: this.wd }) });
  }

  /**
   * A new optimizer over `params`, with fastai's `create_opt` flags: `doWd` off on biases and
   * normalization layers unless `wdBnBias`, `forceTrain` on normalization layers with `trainBn`.
   */
  makeOpt(hypers?: Partial<Hypers>): Optimizer {
    const opt = this.optFunc(this.params, hypers);
    if (!this.wdBnBias) normBiasMask(this.model, true).forEach((nb, i) => nb && (opt.paramState[i].doWd = false));
    if (this.trainBn) normBiasMask(this.model, false).forEach((norm, i) => norm && (opt.paramState[i].forceTrain = true));
    return opt;
  }

  private async doFit(): Promise<void> {
    for (let epoch = 0; epoch < this.nEpoch; epoch++) {
      this.epoch = epoch;
      await this.withEvents(() => this.doEpoch(), 'epoch', CancelEpochException);
    }
  }

  private async doEpoch(): Promise<void> {
    await this.doEpochTrain();
    await this.doEpochValidate();
  }

  private async doEpochTrain(): Promise<void> {
    this.dl = this.dls.train;
    await this.withEvents(() => this.allBatches(), 'train', CancelTrainException);
  }

  /** Validation: like training but no gradient is ever computed (fastai's `torch.no_grad()`). */
  private async doEpochValidate(): Promise<void> {
    this.dl = this.dls.valid;
    this.gradEnabled = false;
    try {
      await this.withEvents(() => this.allBatches(), 'validate', CancelValidException);
    } finally {
      this.gradEnabled = true;
    }
  }

  private async allBatches(): Promise<void> {
    const dl = this.dl!;
    this.nIter = dl.length;
    let i = 0;
    for (const b of dl) await this.oneBatch(i++, b);
  }

  private async oneBatch(i: number, b: Batch): Promise<void> {
    this.iter = i;
    this.split(b);
    try {
      await this.withEvents(() => this.doOneBatch(), 'batch', CancelBatchException);
    } finally {
      this.releaseBatch();
    }
  }

  /** fastai's `_split`: the first `nInp` tensors are inputs, the rest targets. */
  private split(b: Batch): void {
    const n = this.nInp ?? (b.length === 1 ? 1 : b.length - 1);
    this.batch = b;
    this.xb = b.slice(0, n);
    this.yb = b.slice(n);
  }

  private async doOneBatch(): Promise<void> {
    const withGrads = this.training && this.gradEnabled && this.yb.length > 0;
    if (withGrads) {
      const { pred, loss, grads } = this.forwardWithGrads();
      this.pendingGrads = grads;
      this.made.push(pred, loss);
      this.pred = pred;
      await this.call('after_pred');
      this.loss = loss;
    } else {
      this.pred = this.keepMade(tf.tidy(() => this.model.apply(this.input(), { training: this.training }) as tf.Tensor));
      await this.call('after_pred');
      if (this.yb.length) this.loss = this.keepMade(tf.tidy(() => this.lossFunc(this.pred!, ...this.yb)));
    }
    await this.call('after_loss');
    if (!this.training || !this.yb.length) return;
    await this.withEvents(() => this.backward(), 'backward', CancelBackwardException);
    // No gradient published (backward cancelled, or zeroed by a callback): PyTorch's `.grad`
    // would hold zeros, and fastai still steps, so momentum and weight decay move the weights.
    if (!this.grads && this.hadGrads) this.grads = tf.tidy(() => this.params.map((p) => tf.zerosLike(p)));
    await this.withEvents(() => this.step(), 'step', CancelStepException);
    this.zeroGrad();
  }

  /**
   * Multiplies this batch's loss gradient by `factor` before backward publishes it: fastai's
   * `learn.loss_grad *= factor` at after_loss (tfjs has already taken the gradients; the loss
   * recorded stays the batch's own). A no-op where the batch computes no gradient.
   */
  scaleLossGrad(factor: number): void {
    const grads = this.pendingGrads;
    if (!grads || factor === 1) return;
    this.pendingGrads = tf.tidy(() => grads.map((g) => g.mul(factor)));
    tf.dispose(grads);
  }

  private keepMade<T extends tf.Tensor>(t: T): T {
    this.made.push(t);
    return t;
  }

  private input(): tf.Tensor | tf.Tensor[] {
    return this.xb.length === 1 ? this.xb[0] : this.xb;
  }

  /** One taped pass: prediction, loss and the loss's gradient for every parameter. */
  private forwardWithGrads(): { pred: tf.Tensor; loss: tf.Scalar; grads: tf.Tensor[] } {
    const params = this.params;
    let pred: tf.Tensor | null = null;
    const { value, grads } = tf.variableGrads(() => {
      pred = tf.keep(this.model.apply(this.input(), { training: true }) as tf.Tensor);
      return this.lossFunc(pred, ...this.yb);
    }, params);
    return { pred: pred!, loss: value, grads: params.map((p) => grads[p.name] ?? tf.zerosLike(p)) };
  }

  /** Publishes the gradients; like PyTorch, they add to any not yet zeroed. */
  private backward(): void {
    const fresh = this.pendingGrads;
    this.pendingGrads = null;
    if (!fresh) return;
    this.hadGrads = true;
    const old = this.grads;
    this.grads = old ? fresh.map((g, i) => tf.tidy(() => g.add(old[i]))) : fresh;
    if (old) tf.dispose([...old, ...fresh]);
  }

  private step(): void {
    if (this.grads) this.opt!.step(this.grads);
  }

  zeroGrad(): void {
    if (this.grads) tf.dispose(this.grads);
    this.grads = null;
  }

  /** End of a batch: dispose what the batch made, and any tensor a callback swapped into xb/yb. */
  private releaseBatch(): void {
    const own = new Set(this.batch);
    const swapped = [...this.xb, ...this.yb].filter((t) => !own.has(t));
    const doomed = new Set([this.pred, this.loss, ...this.made, ...(this.pendingGrads ?? []), ...swapped]);
    tf.dispose([...doomed].filter((t): t is tf.Tensor => t !== null && !t.isDisposed));
    this.pred = null;
    this.loss = null;
    this.made = [];
    this.pendingGrads = null;
  }

  /** fastai's `_end_cleanup`, plus the gradients (tfjs has no garbage collector). */
  private endCleanup(): void {
    this.zeroGrad();
    this.dl = null;
    this.xb = [];
    this.yb = [];
    this.batch = [];
  }
}

/** Whether `cbs` is still the list (and the orders) a sort was made from. */
function sameCbs(sorted: { cbs: Callback[]; orders: number[] }, cbs: readonly Callback[]): boolean {
  if (sorted.cbs.length !== cbs.length) return false;
  return cbs.every((c, i) => c === sorted.cbs[i] && c.order === sorted.orders[i]);
}
