import { describe, expect, it } from 'vitest';
import { logLine } from './log-chart-data';

describe('logLine', () => {
  it('keeps a short series as it is', () => {
    expect(logLine({ x: [1, 2, 3], y: [0.5, 0.25, 0.125] })).toEqual([
      { x: 1, y: 0.5 },
      { x: 2, y: 0.25 },
      { x: 3, y: 0.125 },
    ]);
  });
  it('cuts a long one into buckets of their lowest and highest value, keeping a one-point spike and the last point', () => {
    const n = 10_000;
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const y = x.map((v) => 1 / v);
    y[4321] = 50;
    const line = logLine({ x, y }, 100);
    expect(line.length).toBeLessThanOrEqual(101);
    expect(line).toContainEqual({ x: 4322, y: 50 });
    expect(line.at(-1)).toEqual({ x: n, y: 1 / n });
    expect(line.map((p) => p.x)).toEqual([...line.map((p) => p.x)].sort((a, b) => a - b));
  });
});
