import type { EventName } from '../learner';
// Breakpoints are plain data defined by the protocol (the page edits them, the worker checks them).
import type { DebugCondition as BreakCondition, DebugBreakpoint as Breakpoint } from '../shared/debug';

export type { BreakCondition, Breakpoint };
export { describeBreakpoint } from '../shared/debug';

/** What a condition is checked against: plain numbers, the loss read only when a condition needs it. */
export interface BreakContext {
  epoch: number;
  iter: number;
  training: boolean;
  loss: number | null;
}

export const needsLoss = (bp: Breakpoint): boolean => bp.conditions.some((c) => c.kind === 'lossAbove' || c.kind === 'lossNotFinite');

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
