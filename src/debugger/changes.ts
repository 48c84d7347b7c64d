import type { Learner } from '../learner';

/** What a callback can visibly change, captured by reference (no GPU read). */
export interface LoopState {
  xb: unknown;
  yb: unknown;
  pred: unknown;
  loss: unknown;
  grads: unknown;
  lossFunc: unknown;
  training: boolean;
  hypers: Record<string, number> | null;
}

export function captureState(learn: Learner): LoopState {
  return {
    xb: learn.xb,
    yb: learn.yb,
    pred: learn.pred,
    loss: learn.loss,
    grads: learn.grads,
    lossFunc: learn.lossFunc,
    training: learn.training,
    hypers: learn.opt ? { ...learn.opt.hypers } : null,
  };
}

const fmt = (v: number) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String(Number(v.toPrecision(4))) : v.toExponential(2));

/** Human-readable differences, e.g. "lr 0.001 → 0.002", "replaced xb", "training → true". */
export function describeChanges(before: LoopState, after: LoopState): string[] {
  const out: string[] = [];
  for (const key of ['xb', 'yb', 'pred', 'loss', 'grads', 'lossFunc'] as const) {
    if (before[key] !== after[key]) out.push(after[key] == null ? `cleared ${key}` : `replaced ${key}`);
  }
  if (before.training !== after.training) out.push(`training → ${after.training}`);
  const h0 = before.hypers ?? {};
  for (const [name, value] of Object.entries(after.hypers ?? {})) {
    if (h0[name] !== value) out.push(`${name} ${h0[name] === undefined ? '' : `${fmt(h0[name])} → `}${fmt(value)}`);
  }
  return out;
}
