// Is a file named .csv text at all? The bytes are checked before any parsing, so a picture, an
// archive, UTF-16 or binary data is named for what it is instead of failing as a ragged CSV.
import { GZIP_MAGIC, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../shared/limits';
import { CsvError } from './csv';

const bigEndian = (magic: number): number[] => [24, 16, 8, 0].map((shift) => (magic >>> shift) & 0xff);

/** Signatures of files that get named .csv by mistake, and what to call them. */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'it looks like a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'it looks like a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'it looks like a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'it looks like a PDF document' },
  { bytes: GZIP_MAGIC, what: 'it is gzip-compressed (.gz); decompress it first' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'it looks like a ZIP archive (or an Excel .xlsx workbook); export the sheet as CSV' },
  {
    bytes: bigEndian(IDX_IMAGES_MAGIC),
    what: 'it looks like an IDX images file; IDX data needs the labels file too: pick both files together',
  },
  {
    bytes: bigEndian(IDX_LABELS_MAGIC),
    what: 'it looks like an IDX labels file; IDX data needs the images file too: pick both files together',
  },
  { bytes: [0xff, 0xfe], what: 'it is UTF-16 text; save it as UTF-8 CSV' },
  { bytes: [0xfe, 0xff], what: 'it is UTF-16 text; save it as UTF-8 CSV' },
];

/** The bytes a file is sniffed on before it is decoded. */
export const TEXT_SNIFF_BYTES = 4096;

/**
 * Throws CsvError('not-text') when the first bytes of `file` (at least TEXT_SNIFF_BYTES, or the
 * whole file) say what it is instead of text: an image, an archive, UTF-16, other binary data.
 */
export function checkLooksLikeText(file: string, head: Uint8Array): void {
  const notText = (what: string) => new CsvError('not-text', `${file} is not a text CSV: ${what}`);
  const sig = SIGNATURES.find((s) => s.bytes.length <= head.length && s.bytes.every((b, i) => head[i] === b));
  if (sig) throw notText(sig.what);
  const probe = head.subarray(0, TEXT_SNIFF_BYTES);
  // zero bytes at even and at odd offsets: UTF-16 text has them at one of the two (ASCII characters)
  const nuls = [0, 0];
  for (let i = 0; i < probe.length; i++) if (probe[i] === 0) nuls[i % 2]++;
  const half = probe.length / 2;
  if (half >= 2 && Math.max(...nuls) >= 0.8 * half && Math.min(...nuls) < 0.2 * half) {
    throw notText('it is UTF-16 text (every other byte is zero); save it as UTF-8 CSV');
  }
  if (nuls[0] + nuls[1] > 0) throw notText('it holds binary data (zero bytes), not text');
}

/** What a file that fails to decode as UTF-8 is told. */
export function notUtf8Error(file: string): CsvError {
  return new CsvError(
    'not-text',
    `${file} is not a text CSV: it is not valid UTF-8 text (binary data, or another encoding); save it as UTF-8 CSV`,
  );
}
