import * as tf from '@tensorflow/tfjs';
import { ADAM_STEP_KERNEL, fusedAdamStep, hasFusedKernel, prefersFlatUpdates } from './fused-kernels';

/** Hyper-parameters, settable at every batch like fastai's `opt.set_hypers`. */
export interface Hypers {
  lr: number;
  /** Momentum (SGD) or beta1 (Adam). */
  mom: number;
  /** Decoupled weight decay (fastai's default, AdamW-style). */
  wd: number;
  /** Adam's beta2. */
  sqrMom: number;
  eps: number;
}

export interface OptimizerOptions {
  /**
   * One update over all parameters laid end to end, or one per parameter (fastai's literal
   * loop). Same numbers. The default is what the backend's tuning prefers (fused-kernels.ts):
   * flat on a WebGPU GPU, where tfjs is dispatch-bound and the flat update runs a fixed number of
   * kernels per step instead of ~16 per parameter; per
   * parameter elsewhere — on WebGL and on SwiftShader the concat and split copies cost more than
   * the kernels they save (README "Benchmark"). Decided at creation, as fastai's steppers.
   */
  flat?: boolean;
  /**
   * Run the flat update as one fused kernel where the backend has one registered (default true;
   * the webgpu backend does, see fused-kernels.ts). Same numbers, up to float rounding.
   */
  fused?: boolean;
}

export type OptFunc = (params: tf.Variable[], hypers?: Partial<Hypers>, options?: OptimizerOptions) => Optimizer;

/** fastai's per-parameter `opt.state[p]` flags (the moments are kept apart, in the state buffers). */
export interface ParamState {
  /** Weight decay applies to this parameter (fastai's `do_wd`; the Learner clears it on biases and norm layers). */
  doWd: boolean;
  /** Trainable even when frozen (fastai's `force_train`, set by the Learner's `trainBn`). */
  forceTrain: boolean;
}

/** Where each parameter sits in the flat layout. */
interface Segment {
  offset: number;
  size: number;
  shape: number[];
}

/** The flat layout: parameters with weight decay first, so the fused kernel decays a prefix. */
interface Layout {
  /** Parameter indices in flat order. */
  order: number[];
  /** Indexed by parameter. */
  segments: Segment[];
}

/**
 * fastai's optimizer: a parameter list, one set of hyper-parameters and per-parameter state.
 * `step(grads)` applies gradients aligned with `params`; a null gradient leaves its parameter
 * and its state untouched (fastai steps only the parameters that have a gradient).
 *
 * Flat, the state (momentum buffers) is one buffer: each kind of state for all parameters end to
 * end, kinds one after the other. A step where every parameter has a gradient and the same step
 * count updates everything at once (concat, the update once — one fused kernel where the backend
 * has one — split back). Other steps update parameter by parameter on slices. Per parameter,
 * each parameter has its own state buffers and its own update.
 */
export abstract class Optimizer {
  readonly hypers: Hypers;
  /** fastai's `do_wd` / `force_train` per parameter, read at every step (the Learner sets them after creation, as fastai's `create_opt`). */
  readonly paramState: ParamState[];
  /** How many steps each parameter has taken (Adam's debiasing counts per parameter, as fastai's `step_stat`). */
  protected readonly stepCounts: number[];
  private layoutCache: Layout | null = null;
  private readonly total: number;
  private state: tf.Variable | null = null;
  /** Flat 0/1 tensors of the decayed elements and the others, while some parameter has `doWd` false. */
  private decayMask: { key: string; mask: tf.Tensor1D; keep: tf.Tensor1D } | null = null;
  private readonly ownState = new Map<number, tf.Variable[]>();
  private readonly flat: boolean;
  protected readonly fused: boolean;

  constructor(
    readonly params: tf.Variable[],
    hypers: Hypers,
    options: OptimizerOptions = {},
  ) {
    this.hypers = { ...hypers };
    this.flat = options.flat ?? prefersFlatUpdates();
    this.fused = options.fused ?? true;
    this.stepCounts = params.map(() => 0);
    this.paramState = params.map(() => ({ doWd: true, forceTrain: false }));
    this.total = params.reduce((n, p) => n + p.size, 0);
  }

  setHypers(hypers: Partial<Hypers>): void {
    for (const [key, value] of Object.entries(hypers) as [keyof Hypers, number | undefined][]) {
      if (value !== undefined) this.hypers[key] = value;
    }
  }

  step(grads: readonly (tf.Tensor | null)[]): void {
    if (grads.length !== this.params.length) {
      throw new Error(`optimizer step: ${grads.length} gradients for ${this.params.length} parameters`);
    }
    if (!this.flat) {
      tf.tidy(() => this.stepOwn(grads));
      return;
    }
    const state = this.stateBuffer();
    tf.tidy(() => {
      const together = this.params.length > 1 && grads.every((g) => g) && this.stepCounts.every((c) => c === this.stepCounts[0]);
      if (together) this.stepAll(grads as tf.Tensor[], state);
      else this.stepEach(grads, state);
    });
  }

  /** Frees the state (momentum buffers). */
  dispose(): void {
    this.state?.dispose();
    this.state = null;
    if (this.decayMask) tf.dispose([this.decayMask.mask, this.decayMask.keep]);
    this.decayMask = null;
    for (const buffers of this.ownState.values()) buffers.forEach((b) => b.dispose());
    this.ownState.clear();
  }

  /** How many state buffers the rule keeps per parameter (fastai's `state` keys). */
  protected abstract readonly stateCount: number;

  /**
   * The step rule, written once for any shape: the new parameter and new state, from the
   * parameter, its gradient and its state, at step number `step` (1 for the first).
   */
  protected abstract update(p: tf.Tensor, g: tf.Tensor, state: tf.Tensor[], h: HyperScalars, step: number): [tf.Tensor, ...tf.Tensor[]];

  /**
   * The whole step as one kernel, when the backend has one: [p' | state'] flat, or null to use
   * the composite `update`. Only the elements before `decayEnd` are weight-decayed.
   */
  protected fusedUpdate(
    _p: tf.Tensor1D,
    _g: tf.Tensor1D,
    _state: tf.Tensor1D | null,
    _step: number,
    _decayEnd: number,
  ): tf.Tensor1D | null {
    return null;
  }

  private stepAll(grads: tf.Tensor[], state: tf.Variable | null): void {
    const step = this.stepCounts[0] + 1;
    const { order, segments } = this.layout();
    const sizes = order.map((i) => segments[i].size);
    const flatP = tf.concat(order.map((i) => this.params[i].reshape([-1]))) as tf.Tensor1D;
    const flatG = tf.concat(order.map((i) => grads[i].reshape([-1]))) as tf.Tensor1D;
    const decayEnd = this.decayedPrefix();
    const fused = this.fused && decayEnd !== null ? this.fusedUpdate(flatP, flatG, state as tf.Tensor1D | null, step, decayEnd) : null;
    let pieces: tf.Tensor[];
    if (fused) {
      pieces = tf.split(fused, state ? [...sizes, state.size] : sizes);
      if (state) state.assign(pieces.pop()!);
    } else {
      const parts = state ? tf.split(state, this.stateCount) : [];
      const h = this.scalars();
      const mask = this.flatDecayMask();
      // Some parameters without weight decay: a factor per element, 1 where none applies.
      if (!this.paramState.some((s) => s.doWd)) h.decay = null;
      else if (mask && h.decay) h.decay = mask.mask.mul(h.decay).add(mask.keep);
      const [newP, ...newState] = this.update(flatP, flatG, parts, h, step);
      if (state) state.assign(newState.length === 1 ? newState[0] : tf.concat(newState));
      pieces = tf.split(newP, sizes);
    }
    order.forEach((i, k) => this.params[i].assign(pieces[k].reshape(this.params[i].shape)));
    this.stepCounts.fill(step);
  }

  private stepEach(grads: readonly (tf.Tensor | null)[], state: tf.Variable | null): void {
    const h = this.scalars();
    const { order, segments } = this.layout();
    // The state is rebuilt from its segments, in layout order: new ones where a gradient came, the old elsewhere.
    const rebuilt: tf.Tensor[][] = Array.from({ length: this.stateCount }, () => []);
    order.forEach((i) => {
      const p = this.params[i];
      const { offset, size, shape } = segments[i];
      const slices = rebuilt.map((_, k) => state!.slice(k * this.total + offset, size));
      const g = grads[i];
      if (!g) {
        slices.forEach((s, k) => rebuilt[k].push(s));
        return;
      }
      const step = this.stepCounts[i] + 1;
      const [newP, ...newState] = this.update(
        p,
        g,
        slices.map((s) => s.reshape(shape)),
        this.forParam(h, i),
        step,
      );
      p.assign(newP);
      newState.forEach((s, k) => rebuilt[k].push(s.reshape([-1])));
      this.stepCounts[i] = step;
    });
    if (state) state.assign(tf.concat(rebuilt.flat()));
  }

  /** Per parameter, fastai's loop: each parameter with a gradient updated with its own state. */
  private stepOwn(grads: readonly (tf.Tensor | null)[]): void {
    const h = this.scalars();
    this.params.forEach((p, i) => {
      const g = grads[i];
      if (!g) return;
      let buffers = this.ownState.get(i);
      if (!buffers) {
        buffers = Array.from({ length: this.stateCount }, () => tf.keep(tf.variable(tf.zerosLike(p), false)));
        this.ownState.set(i, buffers);
      }
      const step = this.stepCounts[i] + 1;
      const [newP, ...newState] = this.update(p, g, buffers, this.forParam(h, i), step);
      p.assign(newP);
      buffers.forEach((b, k) => b.assign(newState[k]));
      this.stepCounts[i] = step;
    });
  }

  /** One upload per hyper-parameter per step, shared by all parameters. */
  private scalars(): HyperScalars {
    const { lr, mom, wd, sqrMom, eps } = this.hypers;
    return {
      lr: tf.scalar(lr),
      mom: tf.scalar(mom),
      dampMom: tf.scalar(1 - mom),
      dampSqrMom: tf.scalar(1 - sqrMom),
      decay: wd === 0 ? null : tf.scalar(1 - lr * wd),
      sqrMom: tf.scalar(sqrMom),
      eps: tf.scalar(eps),
      values: this.hypers,
    };
  }

  /** The hyper-parameters of parameter `i`: no weight decay where its `doWd` is off (fastai's `weight_decay`). */
  private forParam(h: HyperScalars, i: number): HyperScalars {
    return this.paramState[i].doWd ? h : { ...h, decay: null };
  }

  /** The flat layout, fixed at the first flat step: parameters with `doWd` first, each group in parameter order. */
  private layout(): Layout {
    if (!this.layoutCache) {
      const idx = this.params.map((_, i) => i);
      const order = [...idx.filter((i) => this.paramState[i].doWd), ...idx.filter((i) => !this.paramState[i].doWd)];
      const segments: Segment[] = new Array(this.params.length);
      let offset = 0;
      for (const i of order) {
        const p = this.params[i];
        segments[i] = { offset, size: p.size, shape: p.shape };
        offset += p.size;
      }
      this.layoutCache = { order, segments };
    }
    return this.layoutCache;
  }

  /** How many leading flat elements are decayed, or null when the decayed ones are not a prefix (flags changed after the layout was fixed). */
  private decayedPrefix(): number | null {
    let end = 0;
    let inPrefix = true;
    for (const i of this.layout().order) {
      if (!this.paramState[i].doWd) inPrefix = false;
      else if (!inPrefix) return null;
      else end += this.params[i].size;
    }
    return end;
  }

  /** The flat decay mask for the composite update, rebuilt when the flags change; null while every parameter decays. */
  private flatDecayMask(): { mask: tf.Tensor; keep: tf.Tensor } | null {
    const key = this.paramState.map((s) => (s.doWd ? '1' : '0')).join('');
    if (this.decayMask?.key === key) return this.decayMask;
    if (this.decayMask) tf.dispose([this.decayMask.mask, this.decayMask.keep]);
    this.decayMask = null;
    if (!key.includes('0')) return null;
    const { order } = this.layout();
    const bits = new Float32Array(this.total);
    let offset = 0;
    for (const i of order) {
      if (this.paramState[i].doWd) bits.fill(1, offset, offset + this.params[i].size);
      offset += this.params[i].size;
    }
    // Kept out of the step's tidy: the mask lives as long as the optimizer.
    const mask = tf.keep(tf.tensor1d(bits));
    const keep = tf.keep(tf.tidy(() => tf.onesLike(mask).sub(mask) as tf.Tensor1D));
    this.decayMask = { key, mask, keep };
    return this.decayMask;
  }

  /** The flat state buffer (zeros), created at the first step; null for a rule without state. */
  private stateBuffer(): tf.Variable | null {
    if (!this.state && this.stateCount > 0) {
      const zeros = tf.zeros([this.stateCount * this.total]);
      this.state = tf.variable(zeros, false);
      zeros.dispose(); // the variable holds its own reference to the data
    }
    return this.state;
  }
}

export interface HyperScalars {
  lr: tf.Scalar;
  mom: tf.Scalar;
  dampMom: tf.Scalar;
  dampSqrMom: tf.Scalar;
  /** 1 - lr·wd (flat with some parameters exempt: per element, 1 where exempt), or null when no decay applies (no op at all). */
  decay: tf.Tensor | null;
  sqrMom: tf.Scalar;
  eps: tf.Scalar;
  values: Hypers;
}

/** fastai's `weight_decay` (decoupled): p ← p·(1 − lr·wd). */
function decayed(p: tf.Tensor, h: HyperScalars): tf.Tensor {
  return h.decay ? p.mul(h.decay) : p;
}

/**
 * fastai's SGD: weight_decay, then sgd_step or average_grad + momentum_step. As in fastai the
 * choice is made at creation: an SGD created with mom 0 ignores a momentum scheduled later.
 */
class SGDOptimizer extends Optimizer {
  private readonly withMomentum = this.hypers.mom !== 0;
  protected readonly stateCount = this.withMomentum ? 1 : 0;

  protected update(p: tf.Tensor, g: tf.Tensor, state: tf.Tensor[], h: HyperScalars): [tf.Tensor, ...tf.Tensor[]] {
    if (!this.withMomentum) return [decayed(p, h).sub(g.mul(h.lr))];
    const gradAvg = state[0].mul(h.mom).add(g); // average_grad without dampening
    return [decayed(p, h).sub(gradAvg.mul(h.lr)), gradAvg];
  }
}

/** fastai's Adam: weight_decay, average_grad(dampening), average_sqr_grad, step_stat, adam_step. */
class AdamOptimizer extends Optimizer {
  protected readonly stateCount = 2;
  // Bias-correction scalars per step number, uploaded once per step for all parameters.
  private debiasCache = new Map<number, { stepSize: tf.Scalar; invDebias2: tf.Scalar }>();

  override step(grads: readonly (tf.Tensor | null)[]): void {
    try {
      super.step(grads);
    } finally {
      this.debiasCache.clear(); // its scalars belonged to the step's tidy scope
    }
  }

  protected update(p: tf.Tensor, g: tf.Tensor, [gradAvg, sqrAvg]: tf.Tensor[], h: HyperScalars, step: number): [tf.Tensor, ...tf.Tensor[]] {
    const { stepSize, invDebias2 } = this.debias(step, h.values);
    const newAvg = gradAvg.mul(h.mom).add(g.mul(h.dampMom));
    const newSqr = sqrAvg.mul(h.sqrMom).add(g.square().mul(h.dampSqrMom));
    const denom = newSqr.mul(invDebias2).sqrt().add(h.eps);
    return [decayed(p, h).sub(newAvg.div(denom).mul(stepSize)), newAvg, newSqr];
  }

  protected override fusedUpdate(
    p: tf.Tensor1D,
    g: tf.Tensor1D,
    state: tf.Tensor1D | null,
    step: number,
    decayEnd: number,
  ): tf.Tensor1D | null {
    if (!state || !hasFusedKernel(ADAM_STEP_KERNEL)) return null;
    const { lr, mom, sqrMom, eps, wd } = this.hypers;
    return fusedAdamStep(p, g, state, {
      mom,
      sqrMom,
      eps,
      decay: 1 - lr * wd,
      decayEnd,
      stepSize: lr / (1 - mom ** step),
      invDebias2: 1 / (1 - sqrMom ** step),
    });
  }

  /** lr / (1 − mom^step) and 1 / (1 − sqrMom^step), fastai's `debias`. */
  private debias(step: number, { lr, mom, sqrMom }: Hypers) {
    let d = this.debiasCache.get(step);
    if (!d) {
      d = { stepSize: tf.scalar(lr / (1 - mom ** step)), invDebias2: tf.scalar(1 / (1 - sqrMom ** step)) };
      this.debiasCache.set(step, d);
    }
    return d;
  }
}

const withDefaults = (defaults: Hypers, hypers?: Partial<Hypers>): Hypers => {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(hypers ?? {}) as [keyof Hypers, number | undefined][]) {
    if (v !== undefined) out[k] = v;
  }
  return out;
};

/** fastai's `SGD(params, lr, mom=0., wd=0.)`, decoupled weight decay. */
export const SGD: OptFunc = (params, hypers, options) =>
  new SGDOptimizer(params, withDefaults({ lr: 1e-3, mom: 0, wd: 0, sqrMom: 0.99, eps: 1e-5 }, hypers), options);

/** fastai's `Adam(params, lr, mom=0.9, sqr_mom=0.99, eps=1e-5, wd=0.01)`, decoupled weight decay. */
export const Adam: OptFunc = (params, hypers, options) =>
  new AdamOptimizer(params, withDefaults({ lr: 1e-3, mom: 0.9, wd: 0.01, sqrMom: 0.99, eps: 1e-5 }, hypers), options);
