import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertConsistent } from './dataset';
import { DataError, MAX_FILE_BYTES } from './errors';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IdxError, isGzip, parseIdx, type IdxErrorCode } from './idx';
import { MNIST_HEADER_BYTES, parseMnist } from './mnist';

/** An IDX file: big-endian magic and dimensions, then the bytes. */
function idx(magic: number, dims: number[], body: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  out.set(body, 4 + 4 * dims.length);
  return out;
}

// Three 2x3 images with pixels k, and labels 2, 0, 1.
const images = idx(
  IDX_IMAGES_MAGIC,
  [3, 2, 3],
  Array.from({ length: 18 }, (_, k) => k * 15),
);
const labels = idx(IDX_LABELS_MAGIC, [3], [2, 0, 1]);

function failure(imgs: Uint8Array, labs: Uint8Array, code: IdxErrorCode): IdxError {
  try {
    parseIdx(imgs, labs);
  } catch (err) {
    expect(err).toBeInstanceOf(IdxError);
    expect(err).toBeInstanceOf(DataError);
    expect((err as IdxError).code).toBe(code);
    return err as IdxError;
  }
  throw new Error('parseIdx did not throw');
}

describe('parseIdx', () => {
  it('reads images and labels into an image dataset', () => {
    const ds = parseIdx(images, labels.buffer as ArrayBuffer);
    expect(ds.task).toBe('classification');
    expect(ds.imageShape).toEqual([2, 3, 1]);
    expect(ds.nFeatures).toBe(6);
    expect(ds.x.length).toBe(18);
    expect(ds.x[0]).toBe(0);
    expect(ds.x[17]).toBe(1);
    expect(ds.x[1]).toBeCloseTo(15 / 255, 7);
    expect(Array.from(ds.y)).toEqual([2, 0, 1]);
    expect(ds.nClasses).toBe(3);
    expect(ds.classNames).toEqual(['0', '1', '2']);
    expect(() => assertConsistent(ds)).not.toThrow();
  });

  it('reads real MNIST in IDX form exactly as the shipped binary', () => {
    execFileSync(process.execPath, ['scripts/build-mnist.mjs'], { stdio: 'inherit' });
    const bin = new Uint8Array(readFileSync(join(process.cwd(), 'public', 'data', 'mnist-10k.bin')));
    const n = 10_000;
    const pixels = bin.subarray(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + n * 784);
    const labs = bin.subarray(MNIST_HEADER_BYTES + n * 784);
    const ds = parseIdx(idx(IDX_IMAGES_MAGIC, [n, 28, 28], pixels), idx(IDX_LABELS_MAGIC, [n], labs));
    const ref = parseMnist(bin);
    expect(ds.imageShape).toEqual([28, 28, 1]);
    expect(ds.nClasses).toBe(10);
    // Byte comparison: a deep equality over 7.8 million floats takes minutes.
    const same = (a: ArrayBufferView, b: ArrayBufferView) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    expect(same(ds.y, ref.y)).toBe(true);
    expect(same(ds.x, ref.x)).toBe(true);
  });

  it('accepts views into a larger buffer', () => {
    const big = new Uint8Array(labels.length + 5);
    big.set(labels, 5);
    expect(Array.from(parseIdx(images, big.subarray(5)).y)).toEqual([2, 0, 1]);
  });
});

describe('bad IDX files: an IdxError saying which file and what is wrong', () => {
  it('a wrong magic number', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const err = failure(png, labels, 'bad-magic');
    expect(err.message).toBe(
      'the images file has the wrong magic number 0x89504e47; an IDX images file starts with 0x00000803 (images: unsigned bytes, 3 dimensions)',
    );
    expect(err.file).toBe('images');
    expect(failure(images, images, 'bad-magic').message).toBe(
      'the labels file has the wrong magic number 0x00000803 (that is an images file: are the two swapped?); an IDX labels file starts with 0x00000801 (labels: unsigned bytes, 1 dimension)',
    );
    expect(failure(labels, labels, 'bad-magic').message).toContain('0x00000801 (that is a labels file: are the two swapped?)');
  });

  it('mismatched counts', () => {
    const twoLabels = idx(IDX_LABELS_MAGIC, [2], [0, 1]);
    expect(failure(images, twoLabels, 'count-mismatch').message).toBe('the images file has 3 images but the labels file has 2 labels');
    const big = idx(IDX_IMAGES_MAGIC, [60000, 1, 1], new Uint8Array(60000));
    expect(failure(big, idx(IDX_LABELS_MAGIC, [10000], new Uint8Array(10000)), 'count-mismatch').message).toBe(
      'the images file has 60,000 images but the labels file has 10,000 labels',
    );
  });

  it('truncated data or header', () => {
    const err = failure(images.subarray(0, images.length - 1), labels, 'truncated');
    expect(err.message).toBe('the images file is truncated: its header promises 3 images of 2x3 (18 bytes) but only 17 bytes follow');
    expect(failure(images, labels.subarray(0, 10), 'truncated').message).toBe(
      'the labels file is truncated: its header promises 3 labels (3 bytes) but only 2 bytes follow',
    );
    expect(failure(images.subarray(0, 10), labels, 'truncated').message).toBe(
      'the images file is truncated: 10 bytes, shorter than its 16-byte header',
    );
    expect(failure(new Uint8Array(0), labels, 'truncated').message).toBe(
      'the images file is truncated: 0 bytes, too short for an IDX header',
    );
  });

  it('bytes beyond what the header promises', () => {
    const longer = new Uint8Array(labels.length + 4);
    longer.set(labels);
    expect(failure(images, longer, 'trailing-data').message).toBe('the labels file has 4 bytes more than its header promises (3 labels)');
  });

  it('no images', () => {
    expect(failure(idx(IDX_IMAGES_MAGIC, [0, 28, 28], []), idx(IDX_LABELS_MAGIC, [0], []), 'empty').message).toBe(
      'the images file holds no data (its header says 0 images of 28x28)',
    );
  });

  it('a single class', () => {
    expect(failure(images, idx(IDX_LABELS_MAGIC, [3], [4, 4, 4]), 'one-class').message).toBe(
      'every label is 4: classification needs at least two classes',
    );
  });

  it('gzip-compressed files (the usual download)', () => {
    const gz = new Uint8Array(gzipSync(images));
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(images)).toBe(false);
    expect(failure(gz, labels, 'compressed').message).toBe('the images file is gzip-compressed (.gz); decompress it first');
  });

  it('more than 100 MB', () => {
    const huge = new Uint8Array(MAX_FILE_BYTES + 1);
    expect(failure(huge, labels, 'too-large').message).toBe('the images file is 100 MB; files up to 100 MB can be loaded');
  });
});

describe('parseIdx: what the person who picked the files is told', () => {
  it('labels that are not 0..k-1: the values, and how many images carry the odd ones', () => {
    const n = 11;
    const imgs = idx(IDX_IMAGES_MAGIC, [n, 1, 1], new Array<number>(n).fill(9));
    const labs = idx(IDX_LABELS_MAGIC, [n], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255]);
    expect(failure(imgs, labs, 'label-gaps').message).toBe(
      'the labels use 11 label values (0–9 and 255, 1 image); classes must be 0..k-1 with every value used: ' +
        'fix or drop the 1 image labelled 255',
    );
  });

  it('a gap in the labels is refused too, and the labels file is named', () => {
    const imgs = idx(IDX_IMAGES_MAGIC, [4, 1, 1], [1, 2, 3, 4]);
    const labs = idx(IDX_LABELS_MAGIC, [4], [0, 1, 3, 3]);
    expect(() => parseIdx(imgs, labs, { images: 'a-images.idx3-ubyte', labels: 'a-labels.idx1-ubyte' })).toThrow(
      'the labels file a-labels.idx1-ubyte uses 3 label values (0–1 and 3, 2 images)',
    );
  });

  it('a wrong magic number names the file that has it, not its good partner', () => {
    const bad = idx(0x12345678, [3, 2, 3], new Array<number>(18).fill(0));
    expect(() => parseIdx(bad, labels, { images: 'train-images.idx3-ubyte', labels: 'train-labels.idx1-ubyte' })).toThrow(
      'the images file train-images.idx3-ubyte has the wrong magic number 0x12345678; an IDX images file starts with 0x00000803',
    );
  });
});
