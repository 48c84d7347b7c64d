// A CSV file read as it streams in: its first bytes are checked to be text, then it is decoded as
// UTF-8 and handed to the CsvReader a megabyte at a time, with progress after each piece and a
// cancel that takes effect at the next one. The whole file is never held as one string.
import type { CsvTable } from '../../../data/csv';
import { CsvReader } from '../../../data/csv-reader';
import { TEXT_SNIFF_BYTES, checkLooksLikeText, notUtf8Error } from '../../../data/csv-text';
import { DataError, checkFileSize } from '../../../data/errors';

export interface ReadProgress {
  bytes: number;
  total: number;
  rows: number;
}

/** Bytes decoded and handed to the reader at once: big enough that re-scanning a cut record costs nothing. */
const PIECE_BYTES = 1 << 20;

export class LoadCancelled extends DataError {
  constructor(file: string) {
    super('cancelled', `Loading ${file} was cancelled`);
  }
}

export async function readCsvFile(
  file: Blob,
  name: string,
  { onProgress, signal }: { onProgress?: (p: ReadProgress) => void; signal?: AbortSignal } = {},
): Promise<CsvTable> {
  checkFileSize(file.size, name);
  const source = file.stream().getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (piece?: Uint8Array): string => {
    try {
      return piece ? decoder.decode(piece, { stream: true }) : decoder.decode();
    } catch {
      throw notUtf8Error(name);
    }
  };
  const reader = new CsvReader();
  let bytes = 0;
  try {
    for await (const piece of piecesOf(source, PIECE_BYTES)) {
      // the first piece holds at least the sniffed bytes (or the whole file)
      if (bytes === 0) checkLooksLikeText(name, piece.subarray(0, TEXT_SNIFF_BYTES));
      bytes += piece.length;
      reader.push(decode(piece));
      if (bytes < file.size) onProgress?.({ bytes, total: file.size, rows: reader.rows });
      // let a Cancel (a message) in between pieces
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) throw new LoadCancelled(name);
    }
    if (bytes === 0) checkLooksLikeText(name, new Uint8Array(0));
    reader.push(decode());
    const table = reader.finish();
    onProgress?.({ bytes, total: file.size, rows: table.nRows });
    return table;
  } catch (err) {
    void source.cancel().catch(() => undefined);
    throw err;
  }
}

/** The stream cut or joined into pieces of `size` bytes (the last one shorter). */
async function* piecesOf(source: ReadableStreamDefaultReader<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  for (;;) {
    const { done, value } = await source.read();
    if (value && value.length > 0) {
      held.push(value);
      heldBytes += value.length;
    }
    while (heldBytes >= size || (done && heldBytes > 0)) {
      const all = held.length === 1 ? held[0] : concat(held, heldBytes);
      const piece = all.subarray(0, Math.min(size, all.length));
      yield piece;
      const rest = all.subarray(piece.length);
      held = rest.length > 0 ? [rest] : [];
      heldBytes = rest.length;
    }
    if (done) return;
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
