// The series user callbacks logged, as chart lines (pure): each series at most `max` points, a
// longer one cut into buckets drawn by their lowest and highest value, so a spike always shows.
import type { LogSeries } from './user-callbacks-slice';

export interface LogPoint {
  x: number;
  y: number;
}

export const MAX_LOG_POINTS = 600;

export function logLine(s: LogSeries, max = MAX_LOG_POINTS): LogPoint[] {
  const n = s.x.length;
  if (n <= max) return s.x.map((x, i) => ({ x, y: s.y[i] }));
  const buckets = Math.max(1, Math.floor(max / 2));
  const size = n / buckets;
  const out: LogPoint[] = [];
  for (let k = 0; k < buckets; k++) {
    const from = Math.floor(k * size);
    const to = Math.floor((k + 1) * size);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if (s.y[i] < s.y[lo]) lo = i;
      if (s.y[i] > s.y[hi]) hi = i;
    }
    for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) out.push({ x: s.x[i], y: s.y[i] });
  }
  if (out.at(-1)?.x !== s.x[n - 1]) out.push({ x: s.x[n - 1], y: s.y[n - 1] });
  return out;
}
