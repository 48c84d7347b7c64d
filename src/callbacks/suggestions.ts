/** fastai's learning-rate suggestions (valley, minimum, steep) from an LR-finder curve: pure functions. */

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

export const SUGGESTION_FUNCS = { valley, minimum, steep } as const;
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
  return { valley: valley(l, v), minimum: minimum(l, v), steep: steep(l, v) };
}

/** Index of the first smallest value (NaN never wins, like a comparison-based argmin). */
function argmin(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[best] || Number.isNaN(xs[best])) best = i;
  return best;
}
