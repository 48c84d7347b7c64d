// Plain functions of the protocol's breakpoints, shared by the page and the worker.
import type { DebugBreakpoint } from './messages';

/** A short human description, e.g. "after_loss when epoch ≥ 1 and loss > 2". */
export function describeBreakpoint(bp: Pick<DebugBreakpoint, 'event' | 'conditions'>): string {
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
