// The user's own image data in MNIST's IDX format (yann.lecun.com/exdb/mnist):
// an images file and a labels file, both big-endian.
//   images: magic 0x00000803 (unsigned bytes, 3 dimensions), uint32 n, rows, cols, then n*rows*cols pixels
//   labels: magic 0x00000801 (unsigned bytes, 1 dimension),  uint32 n, then n labels
// Fashion-MNIST and the other MNIST look-alikes use the same format. Files must be
// decompressed first (the downloads are .gz; isGzip tells, and the worker can
// decompress with DecompressionStream before calling parseIdx).
import type { ClassificationDataset } from './dataset';
import { DataError, fileSizeProblem } from './errors';
import { GZIP_MAGIC, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../shared/limits';

export type IdxErrorCode =
  'too-large' | 'compressed' | 'bad-magic' | 'truncated' | 'trailing-data' | 'empty' | 'count-mismatch' | 'one-class' | 'label-gaps';

export class IdxError extends DataError {
  declare readonly code: IdxErrorCode;
  constructor(
    code: IdxErrorCode,
    message: string,
    /** Which file the problem is in; absent when it is about both. */
    readonly file?: 'images' | 'labels',
  ) {
    super(code, message);
  }
}

export { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC };

type Bytes = ArrayBuffer | Uint8Array;

const hex = (m: number) => `0x${m.toString(16).padStart(8, '0')}`;
const count = (v: number) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const asBytes = (b: Bytes) => (b instanceof Uint8Array ? b : new Uint8Array(b));

/** gzip's magic bytes 1f 8b. */
export function isGzip(data: Bytes): boolean {
  const b = asBytes(data);
  return b.length >= 2 && b[0] === GZIP_MAGIC[0] && b[1] === GZIP_MAGIC[1];
}

interface IdxFile {
  dims: number[];
  body: Uint8Array;
}

/** Checks the magic number and the size against the header; returns the dimensions and the data. */
function readIdx(data: Bytes, file: 'images' | 'labels', fileName?: string): IdxFile {
  const bytes = asBytes(data);
  const what = fileName ? `the ${file} file ${fileName}` : `the ${file} file`;
  const tooLarge = fileSizeProblem(bytes.length, what);
  if (tooLarge) throw new IdxError('too-large', tooLarge, file);
  if (isGzip(bytes)) throw new IdxError('compressed', `${what} is gzip-compressed (.gz); decompress it first`, file);
  const expected = file === 'images' ? IDX_IMAGES_MAGIC : IDX_LABELS_MAGIC;
  const nDims = file === 'images' ? 3 : 1;
  const kind = file === 'images' ? 'images: unsigned bytes, 3 dimensions' : 'labels: unsigned bytes, 1 dimension';
  if (bytes.length < 4) throw new IdxError('truncated', `${what} is truncated: ${bytes.length} bytes, too short for an IDX header`, file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expected) {
    const other = file === 'images' ? IDX_LABELS_MAGIC : IDX_IMAGES_MAGIC;
    const hint = magic === other ? ` (that is ${file === 'images' ? 'a labels' : 'an images'} file: are the two swapped?)` : '';
    throw new IdxError(
      'bad-magic',
      `${what} has the wrong magic number ${hex(magic)}${hint}; an IDX ${file} file starts with ${hex(expected)} (${kind})`,
      file,
    );
  }
  const header = 4 + 4 * nDims;
  if (bytes.length < header) {
    throw new IdxError('truncated', `${what} is truncated: ${bytes.length} bytes, shorter than its ${header}-byte header`, file);
  }
  const dims = Array.from({ length: nDims }, (_, k) => view.getUint32(4 + 4 * k, false));
  const size = dims.reduce((a, b) => a * b, 1);
  const body = bytes.length - header;
  const promise = file === 'images' ? `${count(dims[0])} images of ${dims[1]}x${dims[2]}` : `${count(dims[0])} labels`;
  if (body < size) {
    throw new IdxError(
      'truncated',
      `${what} is truncated: its header promises ${promise} (${count(size)} bytes) but only ${count(body)} bytes follow`,
      file,
    );
  }
  if (body > size) {
    throw new IdxError('trailing-data', `${what} has ${count(body - size)} bytes more than its header promises (${promise})`, file);
  }
  if (size === 0) throw new IdxError('empty', `${what} holds no data (its header says ${promise})`, file);
  return { dims, body: bytes.subarray(header) };
}

/**
 * An images file and its labels file -> images [n, rows, cols, 1] in [0, 1], labels 0..k-1 (each
 * used). `names`: the files' names, for the messages.
 */
export function parseIdx(images: Bytes, labels: Bytes, names?: { images: string; labels: string }): ClassificationDataset {
  const img = readIdx(images, 'images', names?.images);
  const lab = readIdx(labels, 'labels', names?.labels);
  const [n, rows, cols] = img.dims;
  if (lab.dims[0] !== n) {
    const [imgFile, labFile] = names ? [` ${names.images}`, ` ${names.labels}`] : ['', ''];
    throw new IdxError(
      'count-mismatch',
      `the images file${imgFile} has ${count(n)} images but the labels file${labFile} has ${count(lab.dims[0])} labels`,
    );
  }
  const y = Int32Array.from(lab.body);
  if (y.every((v) => v === y[0])) {
    throw new IdxError('one-class', `every label is ${y[0]}: classification needs at least two classes`, 'labels');
  }
  const nClasses = checkLabelValues(y, names?.labels);
  const x = new Float32Array(img.body.length);
  for (let i = 0; i < x.length; i++) x[i] = img.body[i] / 255;
  return {
    task: 'classification',
    x,
    y,
    nFeatures: rows * cols,
    imageShape: [rows, cols, 1],
    nClasses,
    classNames: Array.from({ length: nClasses }, (_, c) => String(c)),
  };
}

/** The number of classes k when the labels are exactly 0..k-1; else an IdxError that lists the values and the odd ones' images. */
function checkLabelValues(y: Int32Array, fileName?: string): number {
  const perValue = new Array<number>(256).fill(0);
  for (const v of y) perValue[v]++;
  const used = perValue.flatMap((c, v) => (c > 0 ? [v] : []));
  if (used[used.length - 1] === used.length - 1) return used.length;
  // the values from 0 up to the first gap are taken as the classes meant; the rest are the odd ones
  let k = 0;
  while (perValue[k] > 0) k++;
  const odd = used.filter((v) => v >= k);
  const oddImages = odd.reduce((a, v) => a + perValue[v], 0);
  const main = k === 0 ? [] : [k === 1 ? '0' : `0–${k - 1}`];
  const oddList = odd.length <= 5 ? odd.join(', ') : `${odd.slice(0, 4).join(', ')}, …, ${odd[odd.length - 1]}`;
  const values = [...main, oddList].join(' and ');
  const what = fileName ? `the labels file ${fileName} uses` : 'the labels use';
  const images = `${count(oddImages)} image${oddImages === 1 ? '' : 's'}`;
  const message =
    `${what} ${used.length} label values (${values}, ${images}); classes must be 0..k-1 with every value used: ` +
    `fix or drop the ${images} labelled ${oddList}`;
  throw new IdxError('label-gaps', message, 'labels');
}
