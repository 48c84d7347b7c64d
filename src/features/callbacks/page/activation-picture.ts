// miniai's `color_dim` picture of ActivationStats' histograms, as pixels: x = sampled batch,
// y = histogram bin (bin 0 at the bottom, as imshow with origin='lower'), color = log(1 + count)
// through viridis (matplotlib's default), scaled to the largest value of the picture.
import type { ActivationRecordData } from '../messages';

const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
  [253, 231, 37],
];

/** viridis at t in [0, 1]. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [VIRIDIS[i], VIRIDIS[i + 1]];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/** RGBA pixels, width = records, height = bins. */
export function colorDimPixels(records: readonly ActivationRecordData[], layer: number, bins: number): Uint8ClampedArray<ArrayBuffer> {
  const w = records.length;
  const logs = new Float64Array(w * bins);
  let max = 0;
  records.forEach((r, x) => {
    const h = r.hist[layer] ?? [];
    for (let b = 0; b < bins; b++) {
      const v = Math.log1p(Math.max(0, h[b] ?? 0));
      logs[b * w + x] = v;
      if (v > max) max = v;
    }
  });
  const px = new Uint8ClampedArray(w * bins * 4);
  for (let b = 0; b < bins; b++) {
    const row = bins - 1 - b; // low bins at the bottom
    for (let x = 0; x < w; x++) {
      const [r, g, bl] = viridis(max > 0 ? logs[b * w + x] / max : 0);
      const at = (row * w + x) * 4;
      px[at] = r;
      px[at + 1] = g;
      px[at + 2] = bl;
      px[at + 3] = 255;
    }
  }
  return px;
}

/** At most `max` evenly spaced points of a series (the last one always kept), for small charts. */
export function thin<T>(xs: readonly T[], max = 240): T[] {
  if (xs.length <= max) return [...xs];
  const step = (xs.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => xs[Math.round(i * step)]);
}
