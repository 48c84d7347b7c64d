// The series user callbacks logged, as chart lines (pure): each series at most `max` points, a
// longer one cut into buckets drawn by their lowest and highest value (as the loss chart), so a
// spike always shows.
import { extremesOf } from '../../run/page/chart-data';
import type { LogSeries } from './user-callbacks-slice';

export interface LogPoint {
  x: number;
  y: number;
}

export const MAX_LOG_POINTS = 600;

export function logLine(s: LogSeries, max = MAX_LOG_POINTS): LogPoint[] {
  return extremesOf(s.x.length, (i) => s.y[i], max).map((i) => ({ x: s.x[i], y: s.y[i] }));
}
