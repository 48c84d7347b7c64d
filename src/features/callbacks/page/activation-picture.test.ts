import { describe, expect, it } from 'vitest';
import { colorDimPixels, thin, viridis } from './activation-picture';

describe('color_dim picture', () => {
  it('puts bin 0 at the bottom, log1p-scales the counts to the picture max, through viridis', () => {
    const records = [
      { trainIter: 0, mean: [0], std: [0], nearZero: [0], hist: [[3, 0]] },
      { trainIter: 1, mean: [0], std: [0], nearZero: [0], hist: [[0, 15]] },
    ];
    const px = colorDimPixels(records, 0, 2);
    const at = (x: number, y: number) => Array.from(px.slice((y * 2 + x) * 4, (y * 2 + x) * 4 + 3));
    expect(at(1, 0)).toEqual(viridis(1)); // top row = bin 1; batch 1 has the max count
    expect(at(0, 1)).toEqual(viridis(Math.log1p(3) / Math.log1p(15))); // bottom row = bin 0
    expect(at(0, 0)).toEqual(viridis(0));
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
  });

  it('thins a series to at most max points, keeping the ends', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const t = thin(xs, 100);
    expect(t).toHaveLength(100);
    expect([t[0], t[99]]).toEqual([0, 999]);
    expect(thin([1, 2], 100)).toEqual([1, 2]);
  });
});
