import { describe, expect, it } from 'vitest';
import { formatLr, lrAxis } from './lr-axis';

describe('lr axis', () => {
  it('formats a learning rate compactly, in full', () => {
    expect(formatLr(0.003)).toBe('3e-3');
    expect(formatLr(0.00075)).toBe('7.5e-4');
    expect(formatLr(0.0007500000000000001)).toBe('7.5e-4');
    expect(formatLr(0.001)).toBe('1e-3');
    expect(formatLr(0.00316)).toBe('3.16e-3');
    expect(formatLr(1e-7)).toBe('1e-7');
    expect(formatLr(0.05)).toBe('0.05');
    expect(formatLr(0.1)).toBe('0.1');
    expect(formatLr(2)).toBe('2');
    expect(formatLr(0)).toBe('0');
  });

  it('ticks from 0 in steps of 1, 2 or 5, every label exact and in one style', () => {
    const a = lrAxis(0.003);
    expect(a.ticks).toEqual([0, 0.001, 0.002, 0.003]);
    expect(a.domain).toEqual([0, 0.003]);
    expect(a.ticks.map(a.format)).toEqual(['0', '1e-3', '2e-3', '3e-3']);
    const b = lrAxis(0.01);
    expect(b.ticks.map(b.format)).toEqual(['0', '5e-3', '1e-2']);
    const c = lrAxis(0.0018);
    expect(c.ticks.map(c.format)).toEqual(['0', '5e-4', '1e-3', '1.5e-3', '2e-3']);
    expect(lrAxis(0.0023).ticks).toEqual([0, 0.001, 0.002, 0.003]);
    const d = lrAxis(0.5);
    expect(d.ticks.map(d.format)).toEqual(['0', '0.2', '0.4', '0.6']);
    expect(lrAxis(0).ticks.length).toBeGreaterThan(1);
    expect(lrAxis(Number.NaN).ticks.length).toBeGreaterThan(1);
  });

  it('is as wide as its longest label needs', () => {
    const narrow = lrAxis(0.5).width;
    const wide = lrAxis(0.0018).width;
    expect(wide).toBeGreaterThan(narrow);
    // '1.5e-3' at 11 px: six characters and the tick
    expect(wide).toBeGreaterThanOrEqual(6 * 6.2 + 8);
  });
});
