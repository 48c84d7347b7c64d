// The base class of callbacks a user writes in the page (`class GradNorm extends Callback`): a
// Callback with `log(name, value)` for the user's own charts, and two things its host watches
// around every handler call at no message cost: which handler is running (the call beacon, so a
// handler that never returns can be named) and how many tensors it created and did not dispose
// (so a leak is named with its callback and event).
import * as tf from '@tensorflow/tfjs';
import { Callback, INNER_LOOP, type EventName, type Learner } from '../learner';

/** Told when a user handler starts and returns (user-code.ts's beacon, in the worker). */
export interface CallWatch {
  enter(slot: number, event: EventName): void;
  exit(): void;
}

/** Where `log` values go: a number now, or a scalar tensor the sink reads back later (and disposes). */
export interface LogSink {
  number(name: string, x: number, y: number): void;
  tensor(name: string, x: number, y: tf.Tensor): void;
}

/** Where the Learner's own tensors were before a handler ran: references only, no copy (a hot path). */
interface Slots {
  xb: tf.Tensor[];
  xb0: tf.Tensor | undefined;
  yb: tf.Tensor[];
  yb0: tf.Tensor | undefined;
  pred: tf.Tensor | null;
  loss: tf.Tensor | null;
  grads: tf.Tensor[] | null;
}

function slotsOf(learn: Learner): Slots {
  return { xb: learn.xb, xb0: learn.xb[0], yb: learn.yb, yb0: learn.yb[0], pred: learn.pred, loss: learn.loss, grads: learn.grads };
}

function unchanged(a: Slots, learn: Learner): boolean {
  return (
    a.xb === learn.xb &&
    a.xb0 === learn.xb[0] &&
    a.yb === learn.yb &&
    a.yb0 === learn.yb[0] &&
    a.pred === learn.pred &&
    a.loss === learn.loss &&
    a.grads === learn.grads
  );
}

/** Tensors a handler put into the Learner's slots (xb, yb, pred, loss, grads): the Learner's to dispose now. */
function handedOver(before: Slots, learn: Learner): number {
  const old = new Set<tf.Tensor | null | undefined>([...before.xb, ...before.yb, before.pred, before.loss, ...(before.grads ?? [])]);
  let n = 0;
  for (const t of [...learn.xb, ...learn.yb, learn.pred, learn.loss, ...(learn.grads ?? [])]) if (t && !old.has(t) && !t.isDisposed) n++;
  return n;
}

/**
 * The training batch a value belongs to, 1-based as the loss chart's x: the one running in a
 * training batch's events, the last one done elsewhere (TrainEvalCallback counts a batch at its
 * after_batch, which runs first).
 */
function batchOf(learn: Learner | null, event: EventName | null): number {
  if (!learn) return 0;
  const inBatch = learn.training && event !== null && INNER_LOOP.has(event) && event !== 'after_batch';
  return learn.trainIter + (inBatch ? 1 : 0);
}

export class UserCallback extends Callback {
  /** Set by the host that installed it. */
  watch: CallWatch | null = null;
  slot = -1;
  sink: LogSink | null = null;
  /** Tensors created by each event's handler and not disposed (nor handed to the Learner), summed over the fit. */
  readonly kept = new Map<string, number>();
  private logged = 0;
  /** The event whose handler runs now (log's x depends on it). */
  private event: EventName | null = null;

  /**
   * Adds `value` (a number or a scalar tensor; the tensor is read asynchronously with others, never
   * synchronously) to the series `name` of the user's chart, at the training batches done so far.
   * A tensor stays yours: log reads a copy.
   */
  log(name: string, value: number | tf.Tensor): void {
    if (typeof name !== 'string' || !name) throw new TypeError('log(name, value): name must be a non-empty string');
    const x = batchOf(this.learn, this.event);
    if (typeof value === 'number') {
      this.sink?.number(name, x, value);
      return;
    }
    if (!(value instanceof tf.Tensor)) throw new TypeError(`log('${name}', value): value must be a number or a scalar tensor`);
    if (value.size !== 1) throw new TypeError(`log('${name}', value): a scalar tensor, not one of shape [${value.shape.join(', ')}]`);
    if (!this.sink) return;
    this.sink.tensor(name, x, tf.keep(value.clone()));
    this.logged++;
  }

  override callEvent(event: EventName): void | Promise<void> {
    if (!this.runsAt(event)) return super.callEvent(event);
    const before = tf.engine().state.numTensors;
    const slots = this.learn ? slotsOf(this.learn) : null;
    this.logged = 0;
    this.event = event;
    this.watch?.enter(this.slot, event);
    const done = () => {
      this.watch?.exit();
      this.event = null;
      this.count(event, before, slots);
    };
    let result: void | Promise<void>;
    try {
      result = super.callEvent(event);
    } catch (err) {
      done();
      throw err;
    }
    if (!result) return done();
    return result.finally(done);
  }

  override dispose(): void {
    const before = tf.engine().state.numTensors;
    super.dispose();
    this.count('dispose', before, null);
  }

  private count(event: string, before: number, slots: Slots | null): void {
    const learn = this.learn;
    const handed = slots && learn && !unchanged(slots, learn) ? handedOver(slots, learn) : 0;
    const n = tf.engine().state.numTensors - before - handed - this.logged;
    this.logged = 0;
    if (n !== 0) this.kept.set(event, (this.kept.get(event) ?? 0) + n);
  }

  /** The tensors it created and kept over the fit (0 when every one was disposed). */
  get keptTensors(): number {
    let n = 0;
    for (const v of this.kept.values()) n += v;
    return n;
  }
}
