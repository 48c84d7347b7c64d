// The learning-rate axis: compact labels (3e-3, 7.5e-4, 0.05) read in full, ticks of our own so
// the labels are known before drawing, and the width they need. Pure, no React.

const EXP_BELOW = 0.01;
/** 11 px axis text: a character's width, and the tick line with its gap. */
const CHAR_PX = 6.5;
const TICK_PX = 12;

/** A learning rate in at most 3 significant digits: 0.05, 0.1, 2; below 0.01 as 3e-3, 7.5e-4. */
export function formatLr(v: number): string {
  return format(v, Math.abs(v) < EXP_BELOW);
}

function format(v: number, exponent: boolean): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const rounded = Number(v.toPrecision(3)); // 0.0007500000000000001 -> 0.00075
  return exponent ? rounded.toExponential().replace('e+', 'e') : String(rounded);
}

export interface LrAxis {
  ticks: number[];
  domain: [number, number];
  /** One style for the whole axis: exponents as soon as a tick is below 0.01. */
  format: (v: number) => string;
  /** Pixels the labels need (a YAxis `width`). */
  width: number;
}

/** Ticks from 0 to the highest rate, about 4 steps of 1, 2 or 5 × 10^k. */
export function lrAxis(max: number): LrAxis {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-9))!;
  const n = Math.ceil(top / step - 1e-9);
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  const exponent = ticks.some((t) => t > 0 && t < EXP_BELOW);
  const fmt = (v: number) => format(v, exponent);
  const longest = Math.max(...ticks.map((t) => fmt(t).length));
  return { ticks, domain: [0, ticks[ticks.length - 1]], format: fmt, width: Math.ceil(longest * CHAR_PX) + TICK_PX };
}

/** The highest finite value of `key` in rows of a chart's data (0 when none). */
export function maxOf<K extends string>(rows: readonly Partial<Record<K, number>>[], keys: readonly K[]): number {
  let max = 0;
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (v !== undefined && Number.isFinite(v) && v > max) max = v;
    }
  return max;
}
