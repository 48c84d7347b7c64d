// The growable history: what goes in comes out, snapshots never change, and the chart's points keep
// every spike and stay within MAX_POINTS at any length.
import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../messages';
import { BatchHistory, MAX_POINTS } from './batch-history';
import { extremesOf } from './chart-data';

const rec = (i: number, loss = 1 + Math.sin(i)): BatchRecord => ({
  epoch: Math.floor(i / 10),
  iter: i % 10,
  trainIter: i,
  loss,
  smoothLoss: loss / 2,
  lr: 1e-3 * (1 + (i % 7)),
});
const records = (n: number, from = 0) => Array.from({ length: n }, (_, i) => rec(from + i));

describe('BatchHistory', () => {
  it('gives back what was appended, in order, across growths', () => {
    const rs = records(300);
    let h = BatchHistory.empty();
    for (let i = 0; i < rs.length; i += 7) h = h.append(rs.slice(i, i + 7));
    expect(h.length).toBe(300);
    expect(h.slice()).toEqual(rs);
    expect(h.at(123)).toEqual(rs[123]);
    expect(h.at(300)).toBeUndefined();
    expect(h.slice(290, 400)).toEqual(rs.slice(290));
    expect(JSON.parse(JSON.stringify({ batches: h })).batches).toEqual(rs);
    expect(h.maxLr).toBeCloseTo(7e-3, 12);
  });

  it('a snapshot never changes: appending to an older one branches', () => {
    const a = BatchHistory.of(records(5));
    const b = a.append(records(3, 5));
    const c = a.append([rec(99)]);
    expect(a.length).toBe(5);
    expect(b.slice().map((r) => r.trainIter)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(c.slice().map((r) => r.trainIter)).toEqual([0, 1, 2, 3, 4, 99]);
    expect(b.at(5)!.trainIter).toBe(5);
    expect(a.append([])).toBe(a);
  });

  it('draws every batch while they fit, then at most MAX_POINTS: each bucket by its lowest and highest loss', () => {
    expect(BatchHistory.of(records(10)).drawn()).toEqual([...Array(10).keys()]);
    let h = BatchHistory.empty();
    for (let i = 0; i < 100_000; i += 1000) h = h.append(records(1000, i));
    const drawn = h.drawn();
    expect(drawn.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    expect(drawn.length).toBeGreaterThan(MAX_POINTS / 2);
    expect(drawn.at(-1)).toBe(99_999);
    expect([...drawn].sort((x, y) => x - y)).toEqual(drawn);
    // the global lowest and highest are always among them
    const losses = h.slice().map((r) => r.loss);
    expect(drawn).toContain(losses.indexOf(Math.min(...losses)));
    expect(drawn).toContain(losses.indexOf(Math.max(...losses)));
  });

  it('a one-batch spike or a NaN anywhere in a long run is drawn, as extremesOf draws it', () => {
    for (const bad of [50, Number.NaN, Number.POSITIVE_INFINITY]) {
      const rs = Array.from({ length: 54_321 }, (_, i) => rec(i, 1));
      rs[31_337] = rec(31_337, bad);
      const h = BatchHistory.of(rs);
      expect(h.drawn()).toContain(31_337);
      expect(extremesOf(rs.length, (i) => rs[i].loss, MAX_POINTS)).toContain(31_337);
    }
    const rs = records(20);
    rs[4] = rec(4, Number.NaN);
    expect(BatchHistory.of(rs).findDiverged()).toEqual(rs[4]);
  });
});
