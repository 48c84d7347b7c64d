import { describe, expect, it } from 'vitest';
import type { DebugValue } from '../messages';
import {
  formatNumber,
  formatShare,
  groupValues,
  headIsPartial,
  headRows,
  histBars,
  isSampled,
  shownName,
  statFields,
} from './debugger-values';

const stats = (o: Partial<DebugValue['stats']> = {}): DebugValue['stats'] => ({
  size: 4,
  min: -1,
  max: 3,
  mean: 0.5,
  std: 1.25,
  zeros: 0.25,
  nan: 0,
  inf: 0,
  hist: { lo: -1, hi: 3, counts: [1, 0, 3, 0] },
  ...o,
});
const value = (o: Partial<DebugValue>): DebugValue => ({
  name: 'xb',
  kind: 'input',
  shape: [2, 2],
  head: { rows: 2, cols: 2, values: [1, 2, 3, 4] },
  stats: stats(),
  staleFrom: null,
  ...o,
});

describe('formatNumber', () => {
  it('4 significant digits, exponents outside [1e-3, 1e5), NaN and ∞', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(1 / 3)).toBe('0.3333');
    expect(formatNumber(-12.34567)).toBe('-12.35');
    expect(formatNumber(12345.6)).toBe('12350');
    expect(formatNumber(123456)).toBe('1.235e+5');
    expect(formatNumber(100000)).toBe('1e+5');
    expect(formatNumber(0.00012)).toBe('1.2e-4');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
  });

  it('shares as percentages', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.125)).toBe('12.5%');
    expect(formatShare(1 / 3)).toBe('33.3%');
  });
});

describe('groupValues', () => {
  it('batch · prediction · loss · parameters, a parameter’s value, gradient and update in one item', () => {
    const vs = [
      value({ name: 'xb' }),
      value({ name: 'yb', kind: 'target' }),
      value({ name: 'pred', kind: 'pred' }),
      value({ name: 'loss', kind: 'loss' }),
      value({ name: 'loss per sample', kind: 'loss' }),
      value({ name: '0.weight', tfName: 'dense_Dense1/kernel', kind: 'param' }),
      value({ name: '0.weight', tfName: 'dense_Dense1/kernel', kind: 'grad' }),
      value({ name: '0.weight', tfName: 'dense_Dense1/kernel', kind: 'update' }),
      value({ name: 'dense_Dense1/bias', tfName: 'dense_Dense1/bias', kind: 'param' }),
    ];
    const groups = groupValues(vs, { 'dense_Dense1/bias': '0.bias' });
    expect(groups.map((g) => [g.group, g.items.map((i) => i.name)])).toEqual([
      ['batch', ['xb', 'yb']],
      ['prediction', ['pred']],
      ['loss', ['loss', 'loss per sample']],
      ['parameters', ['0.weight', '0.bias']],
    ]);
    const w = groups[3].items[0];
    expect(Object.keys(w.values)).toEqual(['param', 'grad', 'update']);
    expect(w.tfName).toBe('dense_Dense1/kernel');
  });

  it('a parameter sent under its tfjs name shows PyTorch’s when the page knows it', () => {
    expect(shownName(value({ name: 'd/kernel', tfName: 'd/kernel', kind: 'param' }), { 'd/kernel': '0.weight' })).toBe('0.weight');
    expect(shownName(value({ name: 'd/kernel', tfName: 'd/kernel', kind: 'param' }), {})).toBe('d/kernel');
    expect(shownName(value({ name: '2.bias', tfName: 'd/bias', kind: 'param' }), { 'd/bias': 'x' })).toBe('2.bias');
  });
});

describe('stats and head', () => {
  it('the stats line warns on NaN and Inf only when present', () => {
    expect(statFields(stats()).map((f) => `${f.label} ${f.text}${f.warn ? '!' : ''}`)).toEqual([
      'min -1',
      'max 3',
      'mean 0.5',
      'std 1.25',
      'zeros 25%',
      'NaN 0',
      'Inf 0',
    ]);
    const bad = statFields(stats({ nan: 2, inf: 1 }));
    expect(bad.filter((f) => f.warn).map((f) => f.label)).toEqual(['NaN', 'Inf']);
  });

  it('head rows formatted; partial and sampled flags', () => {
    const v = value({ shape: [10, 3, 4], head: { rows: 2, cols: 2, values: [1, NaN, 1 / 3, 2] }, stats: stats({ size: 60 }) });
    expect(headRows(v)).toEqual([
      ['1', 'NaN'],
      ['0.3333', '2'],
    ]);
    expect(headIsPartial(v)).toEqual({ rows: 10, cols: 12 });
    expect(headIsPartial(value({}))).toBeNull();
    expect(isSampled(v)).toBe(true);
    expect(isSampled(value({}))).toBe(false);
  });
});

describe('histBars', () => {
  it('equal widths, heights in proportion to the counts, bottoms on the box’s bottom', () => {
    const bars = histBars({ lo: -1, hi: 3, counts: [1, 0, 4, 2] }, 100, 40);
    expect(bars.map((b) => [b.x, b.width, b.height, b.y])).toEqual([
      [0, 24, 10, 30],
      [25, 24, 0, 40],
      [50, 24, 40, 0],
      [75, 24, 20, 20],
    ]);
    expect(bars.map((b) => [b.lo, b.hi])).toEqual([
      [-1, 0],
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('a tiny non-empty bin stays visible; all-empty draws nothing', () => {
    const bars = histBars({ lo: 0, hi: 1, counts: [1000, 1] }, 10, 20);
    expect(bars[1].height).toBe(1);
    expect(histBars({ lo: 0, hi: 0, counts: [0, 0] }, 10, 20).every((b) => b.height === 0)).toBe(true);
    expect(histBars({ lo: 0, hi: 0, counts: [] }, 10, 20)).toEqual([]);
  });
});
