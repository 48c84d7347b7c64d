// The LR finder's curve as the page plots it: fastai's plot_lr_find skips the last 5 points,
// on a log lr axis with ticks at the powers of ten.
import type { LrPoint, LrSuggestion, LrSuggestionName } from '../messages';

/** fastai's plot_lr_find(skip_end=5). */
export const SKIP_END = 5;

export function plotPoints(points: readonly LrPoint[], done: boolean): LrPoint[] {
  const kept = done && points.length > SKIP_END ? points.slice(0, points.length - SKIP_END) : points;
  return kept.filter((p) => p.lr > 0 && Number.isFinite(p.loss));
}

/** Powers of ten spanning the points' lrs. */
export function decadeTicks(points: readonly LrPoint[]): number[] {
  if (points.length === 0) return [];
  const lo = Math.floor(Math.log10(Math.min(...points.map((p) => p.lr))));
  const hi = Math.ceil(Math.log10(Math.max(...points.map((p) => p.lr))));
  return Array.from({ length: hi - lo + 1 }, (_, i) => Number(`1e${lo + i}`)); // exact, unlike 10 ** -5
}

export function formatLr(lr: number): string {
  return lr.toExponential(2).replace('e+', 'e');
}

export const SUGGESTION_STYLE: Record<LrSuggestionName, { color: string; label: string }> = {
  valley: { color: '#10b981', label: 'valley' },
  slide: { color: '#0ea5e9', label: 'slide' },
  minimum: { color: '#f97316', label: 'minimum / 10' },
  steep: { color: '#e11d48', label: 'steep' },
};

export function suggestionList(
  s: Record<LrSuggestionName, LrSuggestion | null> | undefined,
): { name: LrSuggestionName; s: LrSuggestion }[] {
  if (!s) return [];
  return (Object.keys(SUGGESTION_STYLE) as LrSuggestionName[]).flatMap((name) => (s[name] ? [{ name, s: s[name]! }] : []));
}
