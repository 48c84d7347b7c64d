/** fastai's learning-rate suggestions (valley, slide, minimum, steep) from an LR-finder curve: pure functions. */

/** A suggested learning rate and the point of the curve to mark for it. */
export interface Suggestion {
  lr: number;
  point: { lr: number; loss: number };
}

export type SuggestionFunc = (lrs: readonly number[], losses: readonly number[]) => Suggestion | null;

/**
 * fastai's `valley`: the longest run of (not necessarily adjacent) decreasing losses, and the point
 * about halfway down it (start + ⌊len/3⌋ + ⌊len/6⌋). Kept faithful to fastai's loop, including that
 * the start of the valley is fixed when its end first becomes the longest.
 */
export const valley: SuggestionFunc = (lrs, losses) => {
  const n = losses.length;
  if (n === 0) return null;
  const lds = new Array<number>(n).fill(1);
  let maxStart = 0;
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
      if (lds[maxEnd] < lds[i]) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd];
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const idx = maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
  return { lr: lrs[idx], point: { lr: lrs[idx], loss: losses[idx] } };
};

/** fastai's `slide` options: the interval (in points), the gradient tolerance and a factor on the result. */
export interface SlideOptions {
  lrDiff?: number;
  thresh?: number;
  adjustValue?: number;
}

/**
 * fastai's `slide` (interval slide rule): with g = np.gradient(losses), slide a window of `lrDiff`
 * points leftwards from the right end while |g[r] − g[l]| > thresh; the suggestion is lr at the last
 * left end where that held (lrs[-lrDiff-1] if it never did), times `adjustValue`. Its point is the
 * loss interpolated at the suggestion in log10(lr). Null with fewer than lrDiff + 1 points, where
 * fastai's `lrs[-lr_diff-1]` raises.
 */
export function slide(
  lrs: readonly number[],
  losses: readonly number[],
  { lrDiff = 15, thresh = 0.005, adjustValue = 1 }: SlideOptions = {},
): Suggestion | null {
  const n = losses.length;
  if (n < lrDiff + 1 || n < 2) return null;
  const grad = gradient(losses);
  // fastai's negative indices, counted here from the end: r = n − 1, l = r − lrDiff.
  let r = n - 1;
  let l = r - lrDiff;
  let localMinLr = lrs[l];
  while (l >= 0 && Math.abs(grad[r] - grad[l]) > thresh) {
    localMinLr = lrs[l];
    r--;
    l--;
  }
  const lr = localMinLr * adjustValue;
  return { lr, point: { lr, loss: interp(Math.log10(lr), lrs.slice(0, n).map(Math.log10), losses) } };
}

/** fastai's `minimum`: one tenth of the lr at the lowest loss (the point marks the minimum itself). */
export const minimum: SuggestionFunc = (lrs, losses) => {
  if (losses.length === 0) return null;
  const i = argmin(losses);
  return { lr: lrs[i] / 10, point: { lr: lrs[i], loss: losses[i] } };
};

/** fastai's `steep`: the lr where the loss falls fastest against log(lr). */
export const steep: SuggestionFunc = (lrs, losses) => {
  if (losses.length < 2) return null;
  const slopes = losses.slice(1).map((l, i) => (l - losses[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i])));
  const i = argmin(slopes);
  return { lr: lrs[i], point: { lr: lrs[i], loss: losses[i] } };
};

export const SUGGESTION_FUNCS = { valley, slide, minimum, steep } as const satisfies Record<string, SuggestionFunc>;
export type SuggestionName = keyof typeof SUGGESTION_FUNCS;
export type Suggestions = Record<SuggestionName, Suggestion | null>;

/**
 * fastai's `lr_find` post-processing: drop the first numIt/10 points and the last 5, cut at the
 * first NaN, then apply every suggestion function.
 */
export function suggestLrs(lrs: readonly number[], losses: readonly number[], numIt: number): Suggestions {
  const start = Math.floor(numIt / 10);
  const end = Math.max(start, Math.min(lrs.length, losses.length) - 5);
  let l = lrs.slice(start, end);
  let v = losses.slice(start, end);
  const firstNaN = v.findIndex((x) => Number.isNaN(x));
  if (firstNaN >= 0) {
    l = l.slice(0, firstNaN);
    v = v.slice(0, firstNaN);
  }
  return { valley: valley(l, v), slide: slide(l, v), minimum: minimum(l, v), steep: steep(l, v) };
}

/** Index of the first smallest value (NaN never wins, like a comparison-based argmin). */
function argmin(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[best] || Number.isNaN(xs[best])) best = i;
  return best;
}

/** numpy's `gradient` with unit spacing: central differences inside, one-sided at both ends (n ≥ 2). */
export function gradient(xs: readonly number[]): number[] {
  const n = xs.length;
  return xs.map((_, i) => (i === 0 ? xs[1] - xs[0] : i === n - 1 ? xs[n - 1] - xs[n - 2] : (xs[i + 1] - xs[i - 1]) / 2));
}

/** numpy's `interp` on increasing xp: linear between points, clamped to the end values outside. */
function interp(x: number, xp: readonly number[], fp: readonly number[]): number {
  const n = xp.length;
  if (x <= xp[0]) return fp[0];
  if (x >= xp[n - 1]) return fp[n - 1];
  let i = 1;
  while (xp[i] < x) i++;
  const t = (x - xp[i - 1]) / (xp[i] - xp[i - 1]);
  return fp[i - 1] + t * (fp[i] - fp[i - 1]);
}
