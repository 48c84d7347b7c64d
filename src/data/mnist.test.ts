import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertConsistent, classCounts, type ClassificationDataset } from './dataset';
import { DataError } from './errors';
import { MNIST_HEADER_BYTES, parseMnist } from './mnist';
import { splitTrainValid } from './split';

const FILE = join(process.cwd(), 'public', 'data', 'mnist-10k.bin');
/** The package's own per-digit counts (src/digits/<d>.json). */
const COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

let bytes: Uint8Array;
let ds: ClassificationDataset;

beforeAll(() => {
  // Normally built by postinstall; this makes the test independent of how npm was run.
  execFileSync(process.execPath, ['scripts/build-mnist.mjs'], { stdio: 'inherit' });
  bytes = new Uint8Array(readFileSync(FILE)); // a copy: its own ArrayBuffer, offset 0
  ds = parseMnist(bytes.buffer as ArrayBuffer);
});

/** The package's float pixels of the `i`-th image of digit `d`. */
function packageDigit(d: number, i: number): number[] {
  const pkg = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const { data } = JSON.parse(readFileSync(join(pkg, 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] };
  return data.slice(i * 784, (i + 1) * 784);
}

describe('mnist-10k.bin', () => {
  it('is a compact binary: 16-byte header, 10,000 x 784 pixel bytes, 10,000 label bytes', () => {
    expect(bytes.length).toBe(MNIST_HEADER_BYTES + 10_000 * 785);
    expect(bytes.length).toBe(7_850_016);
  });
});

describe('parseMnist', () => {
  it('gives 10,000 28x28x1 images in [0, 1] with labels 0..9', () => {
    expect(ds.task).toBe('classification');
    expect(ds.y.length).toBe(10_000);
    expect(ds.x.length).toBe(10_000 * 784);
    expect(ds.nFeatures).toBe(784);
    expect(ds.imageShape).toEqual([28, 28, 1]);
    expect(ds.nClasses).toBe(10);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(() => assertConsistent(ds)).not.toThrow();
    let min = Infinity;
    let max = -Infinity;
    for (const v of ds.x) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([0, 1]);
    expect(Math.min(...ds.y)).toBe(0);
    expect(Math.max(...ds.y)).toBe(9);
  });

  it('has every digit of the package, in its order', () => {
    expect(classCounts(ds)).toEqual(COUNTS);
    expect(ds.y[0]).toBe(0);
    expect(ds.y[9_999]).toBe(9);
  });

  it('matches the package pixel for pixel (a known 7 and a known 3)', () => {
    for (const [d, i] of [
      [7, 0],
      [3, 41],
    ]) {
      const at = COUNTS.slice(0, d).reduce((a, b) => a + b, 0) + i;
      expect(ds.y[at]).toBe(d);
      const ours = Array.from(ds.x.subarray(at * 784, (at + 1) * 784));
      const theirs = packageDigit(d, i);
      // The package keeps three decimals of byte / 255.
      ours.forEach((v, p) => expect(Math.abs(v - theirs[p])).toBeLessThanOrEqual(0.0005 + 1e-7));
      expect(theirs.filter((v) => v > 0.5).length).toBeGreaterThan(50);
    }
  });

  it('splits seeded and stratified, both halves shuffled', () => {
    const { train, valid } = splitTrainValid(ds, 0.2, 1);
    expect([train.y.length, valid.y.length]).toEqual([8000, 2000]);
    expect(classCounts(valid).every((c, d) => Math.abs(c - COUNTS[d] / 5) < 1)).toBe(true);
    expect(valid.imageShape).toEqual([28, 28, 1]);
    expect(new Set(valid.y.subarray(0, 50)).size).toBeGreaterThan(5);
    expect(splitTrainValid(ds, 0.2, 1).valid.y).toEqual(valid.y);
    expect(splitTrainValid(ds, 0.2, 2).valid.y).not.toEqual(valid.y);
  });

  it('accepts a Uint8Array view at an offset', () => {
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const again = parseMnist(padded.subarray(3));
    expect(again.y).toEqual(ds.y);
    expect(again.x.subarray(0, 784 * 3)).toEqual(ds.x.subarray(0, 784 * 3));
  });

  it('refuses a damaged file with a clear message', () => {
    const bad = (b: Uint8Array) => () => parseMnist(b);
    expect(bad(bytes.subarray(0, 10))).toThrow('The MNIST file is damaged (10 bytes, shorter than its header)');
    expect(bad(bytes.subarray(0, 100_000))).toThrow('100000 bytes, expected 7850016 for 10000 images of 28x28');
    const wrong = bytes.slice(0, 32);
    wrong[0] = 0x50;
    expect(bad(wrong)).toThrow('it starts with "PNB1", not "MNB1"');
    expect(bad(wrong)).toThrow(DataError);
  });
});
