// What the LR finder says while it runs and when it ended: iteration i/n, time left at the pace
// since its first points (start-up left out), cancelled, or stopped early. Pure.
import { timeLeft } from '../../../app/format';
import type { LrFindState } from './lr-finder-slice';

/** Seconds left at the pace of the iterations seen so far; NaN until two readings apart. */
export function secondsLeft(f: Pick<LrFindState, 'points' | 'numIt' | 'pace'>, now: number): number {
  const p = f.pace;
  const done = f.points.length;
  if (!p || done <= p.firstCount || p.lastAt <= p.firstAt) return Number.NaN;
  const msPerIteration = (p.lastAt - p.firstAt) / (done - p.firstCount);
  return Math.max(0, msPerIteration * (f.numIt - done) - (now - p.lastAt)) / 1000;
}

export function progressText(f: Pick<LrFindState, 'state' | 'points' | 'numIt' | 'pace'>, now: number): string | null {
  const i = f.points.length;
  const of = `${i}/${f.numIt}`;
  switch (f.state) {
    case 'starting':
      return 'Starting…';
    case 'running': {
      if (i === 0) return `iteration 0/${f.numIt} · first iteration…`;
      const left = secondsLeft(f, now);
      return `iteration ${of} · ${timeLeft(left)}`;
    }
    case 'cancelling':
      return `Cancelling — stopping after iteration ${i + 1}…`;
    case 'cancelled':
      return `Cancelled after ${i}/${f.numIt} iterations: no suggestion from a partial curve.`;
    case 'done':
      return i < f.numIt ? `Stopped at iteration ${of}: the loss diverged.` : `${i} iterations.`;
    default:
      return null;
  }
}
