import type { EventName } from '../learner';

/** One condition of a breakpoint; a breakpoint stops when all of its conditions hold. */
export type BreakCondition =
  | { kind: 'epoch'; op: 'eq' | 'gte'; value: number }
  | { kind: 'iter'; op: 'eq' | 'gte'; value: number }
  | { kind: 'lossAbove'; value: number }
  | { kind: 'lossNotFinite' }
  | { kind: 'phase'; phase: 'train' | 'valid' };

export interface Breakpoint {
  id: string;
  event: EventName;
  enabled: boolean;
  conditions: BreakCondition[];
}

/** What a condition is checked against: plain numbers, the loss read only when a condition needs it. */
export interface BreakContext {
  epoch: number;
  iter: number;
  training: boolean;
  loss: number | null;
}

export const needsLoss = (bp: Breakpoint): boolean =>
  bp.conditions.some((c) => c.kind === 'lossAbove' || c.kind === 'lossNotFinite');

function holds(c: BreakCondition, ctx: BreakContext): boolean {
  switch (c.kind) {
    case 'epoch':
      return c.op === 'eq' ? ctx.epoch === c.value : ctx.epoch >= c.value;
    case 'iter':
      return c.op === 'eq' ? ctx.iter === c.value : ctx.iter >= c.value;
    case 'lossAbove':
      return ctx.loss !== null && ctx.loss > c.value;
    case 'lossNotFinite':
      return ctx.loss !== null && !Number.isFinite(ctx.loss);
    case 'phase':
      return c.phase === 'train' ? ctx.training : !ctx.training;
  }
}

export function breakpointHits(bp: Breakpoint, event: EventName, ctx: BreakContext): boolean {
  return bp.enabled && bp.event === event && bp.conditions.every((c) => holds(c, ctx));
}

/** A short human description, e.g. "after_loss when epoch ≥ 1 and loss > 2". */
export function describeBreakpoint(bp: Breakpoint): string {
  const parts = bp.conditions.map((c) => {
    switch (c.kind) {
      case 'epoch':
      case 'iter':
        return `${c.kind} ${c.op === 'eq' ? '=' : '≥'} ${c.value}`;
      case 'lossAbove':
        return `loss > ${c.value}`;
      case 'lossNotFinite':
        return 'loss is not finite';
      case 'phase':
        return c.phase === 'train' ? 'training' : 'validating';
    }
  });
  return parts.length ? `${bp.event} when ${parts.join(' and ')}` : bp.event;
}
