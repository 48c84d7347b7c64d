/** fastai's schedule functions (callback/schedule.py): pure functions of the training position pct ∈ [0, 1]. */

/** A hyper-parameter value as a function of the position in training, 0 at the start and 1 at the end. */
export type Schedule = (pct: number) => number;

/** Linear from `start` to `end`. */
export const SchedLin =
  (start: number, end: number): Schedule =>
  (pct) =>
    start + pct * (end - start);

/** Cosine from `start` to `end`: flat at both ends, steepest in the middle. */
export const SchedCos =
  (start: number, end: number): Schedule =>
  (pct) =>
    start + ((1 + Math.cos(Math.PI * (1 - pct))) * (end - start)) / 2;

/** Constant `start` (`end` is ignored, as in fastai). */
export const SchedNo =
  (start: number, _end: number): Schedule =>
  () =>
    start;

/** Exponential (geometric) from `start` to `end`; both must be positive. */
export const SchedExp =
  (start: number, end: number): Schedule =>
  (pct) =>
    start * (end / start) ** pct;

/** Polynomial of `power` from `start` to `end`. */
export const SchedPoly =
  (start: number, end: number, power: number): Schedule =>
  (pct) =>
    start + (end - start) * pct ** power;

/**
 * fastai's `combine_scheds`: `scheds[i]` runs over a fraction `pcts[i]` of training, each seeing its
 * own position from 0 to 1. The phase of `pct` is the last one whose start is ≤ pct (pct 1 is the
 * end of the last phase). Unlike fastai (which divides by zero there), a zero-length phase never runs.
 */
export function combineScheds(pcts: readonly number[], scheds: readonly Schedule[]): Schedule {
  if (pcts.length !== scheds.length || pcts.length === 0) {
    throw new Error(`combineScheds: ${pcts.length} fractions for ${scheds.length} schedules`);
  }
  if (pcts.some((p) => p < 0)) throw new Error('combineScheds: fractions must be non-negative');
  const total = pcts.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`combineScheds: fractions sum to ${total}, not 1`);
  const starts = [0];
  for (const p of pcts) starts.push(starts[starts.length - 1] + p);
  const first = pcts.findIndex((p) => p > 0);
  return (pct) => {
    let idx = first;
    for (let i = first + 1; i < pcts.length; i++) if (pcts[i] > 0 && pct >= starts[i]) idx = i;
    return scheds[idx]((pct - starts[idx]) / pcts[idx]);
  };
}

/** fastai's `combined_cos`: cosine from `start` to `middle` over `pct`, then from `middle` to `end`. */
export function combinedCos(pct: number, start: number, middle: number, end: number): Schedule {
  return combineScheds([pct, 1 - pct], [SchedCos(start, middle), SchedCos(middle, end)]);
}
