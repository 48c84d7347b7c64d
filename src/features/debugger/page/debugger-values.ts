// Pure helpers of DebuggerValues: grouping the values of a stop, number formatting, the stats line
// and the histogram's bar geometry (SVG attributes: the CSP forbids inline styles).
import { torchName, type ModelNames } from '../../../models/torch-names';
import type { DebugStats, DebugValue } from '../messages';

export type ValueGroupName = 'batch' | 'prediction' | 'loss' | 'parameters';
export const VALUE_GROUPS: readonly ValueGroupName[] = ['batch', 'prediction', 'loss', 'parameters'];
export type ParamKind = 'param' | 'grad' | 'update';
export const PARAM_KINDS: readonly ParamKind[] = ['param', 'grad', 'update'];
export const PARAM_KIND_LABEL: Record<ParamKind, string> = { param: 'value', grad: 'gradient', update: 'update' };

/** One entry of the list: a batch tensor, the prediction, a loss, or a parameter with its value, gradient and update. */
export interface ValueItem {
  /** The name shown and used in data-testid (a parameter's PyTorch name when known). */
  name: string;
  tfName?: string;
  /** The one value, or per kind for a parameter. */
  values: Partial<Record<DebugValue['kind'], DebugValue>>;
}

const GROUP_OF: Record<DebugValue['kind'], ValueGroupName> = {
  input: 'batch',
  target: 'batch',
  pred: 'prediction',
  loss: 'loss',
  param: 'parameters',
  grad: 'parameters',
  update: 'parameters',
};

/** The name to show: the value's own, or for a parameter sent under its tfjs name, PyTorch's from `names`. */
export function shownName(v: DebugValue, names: ModelNames): string {
  return v.tfName !== undefined && v.name === v.tfName ? torchName(names, v.tfName) : v.name;
}

/** The values in their groups, in order; a parameter's value, gradient and update form one item. */
export function groupValues(values: readonly DebugValue[], names: ModelNames = {}): { group: ValueGroupName; items: ValueItem[] }[] {
  const groups = new Map<ValueGroupName, Map<string, ValueItem>>(VALUE_GROUPS.map((g) => [g, new Map()]));
  for (const v of values) {
    const items = groups.get(GROUP_OF[v.kind])!;
    const name = shownName(v, names);
    const key = `${v.kind === 'param' || v.kind === 'grad' || v.kind === 'update' ? 'p' : v.kind}:${name}`;
    const item = items.get(key) ?? { name, tfName: v.tfName, values: {} };
    item.values[v.kind] = v;
    items.set(key, item);
  }
  return VALUE_GROUPS.map((group) => ({ group, items: [...groups.get(group)!.values()] })).filter((g) => g.items.length);
}

/** A number to 4 significant digits: 0.01234, 1234, 1.235e+5, NaN, ∞. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(3).replace(/\.?0+e/, 'e');
}

/** A share as a percentage: 0 → '0%', 0.125 → '12.5%'. */
export function formatShare(share: number): string {
  return `${Number((100 * share).toPrecision(3))}%`;
}

export interface StatField {
  label: string;
  text: string;
  /** NaN / Inf present: shown in the warning colour. */
  warn: boolean;
}

/** The stats line: min, max, mean, std, zeros, NaN, Inf. */
export function statFields(s: DebugStats): StatField[] {
  return [
    { label: 'min', text: formatNumber(s.min), warn: false },
    { label: 'max', text: formatNumber(s.max), warn: false },
    { label: 'mean', text: formatNumber(s.mean), warn: false },
    { label: 'std', text: formatNumber(s.std), warn: false },
    { label: 'zeros', text: formatShare(s.zeros), warn: false },
    { label: 'NaN', text: String(s.nan), warn: s.nan > 0 },
    { label: 'Inf', text: String(s.inf), warn: s.inf > 0 },
  ];
}

/** Whether the stats are of a strided sample (the tensor was above the bound). */
export function isSampled(v: DebugValue): boolean {
  return v.stats.size < v.shape.reduce((a, b) => a * b, 1);
}

/** The head as rows of formatted numbers. */
export function headRows(v: DebugValue): string[][] {
  const { rows, cols, values } = v.head;
  return Array.from({ length: rows }, (_, r) => values.slice(r * cols, (r + 1) * cols).map(formatNumber));
}

/** Whether the head shows only part of the tensor (more rows or columns than shown). */
export function headIsPartial(v: DebugValue): { rows: number; cols: number } | null {
  const d0 = v.shape.length ? v.shape[0] : 1;
  const rest = v.shape.slice(1).reduce((a, b) => a * b, 1);
  return d0 > v.head.rows || rest > v.head.cols ? { rows: d0, cols: rest } : null;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  count: number;
  lo: number;
  hi: number;
}

/**
 * The histogram's bars in a `width` × `height` box: equal widths (a 1-unit gap), heights in
 * proportion to the counts (a non-empty bin at least 1 unit high), bottoms on the box's bottom.
 */
export function histBars(hist: DebugStats['hist'], width: number, height: number): Bar[] {
  const n = hist.counts.length;
  if (!n) return [];
  const max = Math.max(...hist.counts);
  const step = width / n;
  const binWidth = (hist.hi - hist.lo) / n;
  return hist.counts.map((count, i) => {
    const h = max > 0 && count > 0 ? Math.max(1, (count / max) * height) : 0;
    return {
      x: i * step,
      y: height - h,
      width: Math.max(step - 1, 0.5),
      height: h,
      count,
      lo: hist.lo + i * binWidth,
      hi: hist.lo + (i + 1) * binWidth,
    };
  });
}
