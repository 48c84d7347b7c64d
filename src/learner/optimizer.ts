import * as tf from '@tensorflow/tfjs';

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

export type OptFunc = (params: tf.Variable[], hypers?: Partial<Hypers>) => Optimizer;

/**
 * fastai's optimizer: a parameter list, one set of hyper-parameters and per-parameter state.
 * `step(grads)` applies gradients aligned with `params`; a null gradient leaves its parameter
 * untouched (fastai steps only the parameters that have a gradient).
 */
export abstract class Optimizer {
  readonly hypers: Hypers;
  protected readonly state: Map<tf.Variable, tf.Variable[]> = new Map();

  constructor(
    readonly params: tf.Variable[],
    hypers: Hypers,
  ) {
    this.hypers = { ...hypers };
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
    tf.tidy(() => {
      const h = this.scalars();
      this.params.forEach((p, i) => {
        const g = grads[i];
        if (g) this.stepParam(p, g, h);
      });
    });
  }

  /** Frees the per-parameter state (momentum buffers). */
  dispose(): void {
    for (const buffers of this.state.values()) buffers.forEach((b) => b.dispose());
    this.state.clear();
  }

  protected abstract stepParam(p: tf.Variable, g: tf.Tensor, h: HyperScalars): void;

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

  /** The parameter's state buffers (zeros at first use), created only when a step needs them. */
  protected buffers(p: tf.Variable, n: number): tf.Variable[] {
    let buffers = this.state.get(p);
    if (!buffers) {
      buffers = Array.from({ length: n }, () => tf.keep(tf.variable(tf.zerosLike(p), false)));
      this.state.set(p, buffers);
    }
    return buffers;
  }
}

export interface HyperScalars {
  lr: tf.Scalar;
  mom: tf.Scalar;
  dampMom: tf.Scalar;
  dampSqrMom: tf.Scalar;
  /** 1 - lr·wd, or null when wd is 0 (no op at all). */
  decay: tf.Scalar | null;
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

  protected stepParam(p: tf.Variable, g: tf.Tensor, h: HyperScalars): void {
    let direction = g;
    if (this.withMomentum) {
      const [gradAvg] = this.buffers(p, 1);
      gradAvg.assign(gradAvg.mul(h.mom).add(g)); // average_grad without dampening
      direction = gradAvg;
    }
    p.assign(decayed(p, h).sub(direction.mul(h.lr)));
  }
}

/** fastai's Adam: weight_decay, average_grad(dampening), average_sqr_grad, step_stat, adam_step. */
class AdamOptimizer extends Optimizer {
  private stepCount = new Map<tf.Variable, number>();
  // Bias-correction scalars per step number, uploaded once per step for all parameters.
  private debiasCache = new Map<number, { stepSize: tf.Scalar; invDebias2: tf.Scalar }>();

  override step(grads: readonly (tf.Tensor | null)[]): void {
    try {
      super.step(grads);
    } finally {
      this.debiasCache.clear(); // its scalars belonged to the step's tidy scope
    }
  }

  protected stepParam(p: tf.Variable, g: tf.Tensor, h: HyperScalars): void {
    const [gradAvg, sqrAvg] = this.buffers(p, 2);
    const step = (this.stepCount.get(p) ?? 0) + 1;
    this.stepCount.set(p, step);
    const { stepSize, invDebias2 } = this.debias(step, h.values);
    gradAvg.assign(gradAvg.mul(h.mom).add(g.mul(h.dampMom)));
    sqrAvg.assign(sqrAvg.mul(h.sqrMom).add(g.square().mul(h.dampSqrMom)));
    const denom = sqrAvg.mul(invDebias2).sqrt().add(h.eps);
    p.assign(decayed(p, h).sub(gradAvg.div(denom).mul(stepSize)));
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

  override dispose(): void {
    super.dispose();
    this.stepCount.clear();
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
export const SGD: OptFunc = (params, hypers) =>
  new SGDOptimizer(params, withDefaults({ lr: 1e-3, mom: 0, wd: 0, sqrMom: 0.99, eps: 1e-5 }, hypers));

/** fastai's `Adam(params, lr, mom=0.9, sqr_mom=0.99, eps=1e-5, wd=0.01)`, decoupled weight decay. */
export const Adam: OptFunc = (params, hypers) =>
  new AdamOptimizer(params, withDefaults({ lr: 1e-3, mom: 0.9, wd: 0.01, sqrMom: 0.99, eps: 1e-5 }, hypers));
