// CSV text -> CsvTable, whole or in chunks as a file streams in: the reader tokenizes every complete
// record it has (a quoted field may span lines and chunks), detects the delimiter on the first
// megabyte and the header on the first rows, and keeps the fields as numeric columns, so a 100 MB
// file is held as its numbers, not as millions of strings.
import {
  CsvError,
  DELIMITERS,
  FLOAT32_MAX,
  dedupeNames,
  parseNumber,
  toDataset,
  type CsvTable,
  type Delimiter,
  type ParseCsvOptions,
  type ReadCsvOptions,
} from './csv';
import type { Dataset } from './dataset';
import { fileSizeProblem } from './errors';

export function parseCsv(text: string, opts: ParseCsvOptions = {}): Dataset {
  return toDataset(readCsv(text, opts), opts);
}

/** Splits the text into rows and fields, detecting the delimiter and the header row. */
export function readCsv(text: string, opts: ReadCsvOptions = {}): CsvTable {
  // Size first, before any work (UTF-16 units: the byte count for ASCII files).
  // Callers holding a File should also call checkFileSize(file.size) before reading it.
  const tooLarge = fileSizeProblem(text.length);
  if (tooLarge) throw new CsvError('too-large', tooLarge);
  const reader = new CsvReader(opts);
  reader.push(text);
  return reader.finish();
}

/** Text the delimiter is sniffed on (or the whole file, when shorter). */
const SNIFF_CHARS = 1 << 20;
/** Rows below the first one that decide whether it is a header. */
const HEADER_PROBE_ROWS = 20;

/** Feed it text with push() as it arrives, then finish(); every problem is a CsvError naming its row. */
export class CsvReader {
  private pending = '';
  /** The line `pending` starts on. */
  private line = 1;
  private started = false;
  private delimiter: Delimiter | undefined;
  private width = -1;
  /** The first records, until the header is decided. */
  private head: { records: string[][]; lines: number[] } | null = { records: [], lines: [] };
  private store: ColumnStore | null = null;
  private header: { hasHeader: boolean; names: string[]; line: number } | null = null;

  constructor(private readonly opts: ReadCsvOptions = {}) {
    this.delimiter = opts.delimiter;
  }

  /** Data rows read so far. */
  get rows(): number {
    return this.store?.n ?? 0;
  }

  push(text: string): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending += text;
    this.consume(false);
  }

  finish(): CsvTable {
    this.consume(true);
    if (!this.header) this.decideHeader();
    const { hasHeader, names, line } = this.header!;
    const columns = dedupeNames(names);
    const renamed = names.flatMap((from, j) => (columns[j] !== from ? [{ from, to: columns[j] }] : []));
    const store = this.store!;
    if (store.n === 0) throw new CsvError('no-data-rows', 'the file has a header row but no data rows', line);
    if (this.width < 2) {
      const only = hasHeader ? ` ('${columns[0]}')` : '';
      throw new CsvError('too-few-columns', `the file has only one column${only}; it needs at least one feature column and a label column`);
    }
    return { delimiter: this.delimiter!, hasHeader, columns, renamed, ...store.done() };
  }

  private consume(final: boolean): void {
    if (!this.delimiter) {
      if (!final && this.pending.length < SNIFF_CHARS) return;
      if (final && this.pending.trim() === '') throw new CsvError('empty', 'the file is empty');
      const lastLf = this.pending.lastIndexOf('\n');
      this.delimiter = detectDelimiter(final || lastLf < 0 ? this.pending : this.pending.slice(0, lastLf + 1));
    }
    const tokens = tokenize(this.pending, this.delimiter, { final, line: this.line });
    this.pending = this.pending.slice(tokens.consumed);
    this.line = tokens.line;
    const { records, lines } = tokens;
    for (let k = 0; k < records.length; k++) {
      const record = records[k];
      if (this.width < 0) this.width = record.length;
      else if (record.length !== this.width) {
        throw new CsvError('ragged', `row ${lines[k]} has ${record.length} columns, expected ${this.width}`, lines[k]);
      }
      if (this.head) {
        this.head.records.push(record);
        this.head.lines.push(lines[k]);
        if (this.head.records.length > HEADER_PROBE_ROWS) this.decideHeader();
      } else this.store!.add(record, lines[k]);
    }
    if (final && this.width < 0) throw new CsvError('empty', 'the file is empty');
  }

  private decideHeader(): void {
    const { records, lines } = this.head!;
    this.head = null;
    const hasHeader = this.opts.header ?? detectHeader(records);
    const names = Array.from({ length: this.width }, (_, j) => (hasHeader && records[0][j].trim()) || `column ${j + 1}`);
    this.header = { hasHeader, names, line: lines[0] };
    this.store = new ColumnStore(this.width, this.delimiter!);
    for (let k = hasHeader ? 1 : 0; k < records.length; k++) this.store.add(records[k], lines[k]);
  }
}

/** Numeric columns that grow by doubling; a field that is not a plain float32 number keeps its text. */
class ColumnStore {
  n = 0;
  private capacity = 1024;
  private values: Float64Array[];
  private texts: Array<Array<string | undefined> | null>;
  private lines = new Int32Array(this.capacity);

  constructor(
    width: number,
    private readonly delimiter: Delimiter,
  ) {
    this.values = Array.from({ length: width }, () => new Float64Array(this.capacity));
    this.texts = Array.from({ length: width }, () => null);
  }

  add(record: readonly string[], line: number): void {
    const r = this.n;
    if (r === this.capacity) this.grow();
    for (let j = 0; j < record.length; j++) {
      const field = record[j];
      const num = parseNumber(field, this.delimiter);
      const plain = num !== null && Math.abs(num) <= FLOAT32_MAX;
      this.values[j][r] = num ?? NaN;
      let texts = this.texts[j];
      if (!plain && !texts) texts = this.texts[j] = new Array<string | undefined>(r).fill(undefined);
      texts?.push(plain ? undefined : field);
    }
    this.lines[r] = line;
    this.n++;
  }

  done(): Pick<CsvTable, 'nRows' | 'values' | 'texts' | 'rowLines'> {
    const n = this.n;
    return { nRows: n, values: this.values.map((v) => v.slice(0, n)), texts: this.texts, rowLines: this.lines.slice(0, n) };
  }

  private grow(): void {
    this.capacity *= 2;
    const bigger = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.capacity);
      b.set(a);
      return b;
    };
    this.values = this.values.map((v) => bigger(v, (n) => new Float64Array(n)));
    this.lines = bigger(this.lines, (n) => new Int32Array(n));
  }
}

/** The delimiter that splits the first rows into the same number (> 1) of fields, the most fields winning. */
function detectDelimiter(text: string): Delimiter {
  let best: { d: Delimiter; width: number; consistent: boolean } | null = null;
  for (const d of DELIMITERS) {
    const sample = tokenize(text, d, { limit: 50, lenient: true }).records;
    const width = sample[0]?.length ?? 0;
    const consistent = width > 1 && sample.every((r) => r.length === width);
    const better = !best || (consistent && !best.consistent) || (consistent === best.consistent && width > best.width);
    if (better) best = { d, width, consistent };
  }
  return best!.d;
}

/** A header if some column has text in the first row and only numbers below it (in the next 20 rows). */
function detectHeader(records: string[][]): boolean {
  const first = records[0];
  const below = records.slice(1, HEADER_PROBE_ROWS + 1);
  if (below.length === 0) return first.some((v) => parseNumber(v, ';') === null);
  return first.some((v, j) => {
    if (parseNumber(v, ';') !== null) return false;
    const col = below.map((r) => r[j].trim()).filter((t) => t !== '');
    return col.length > 0 && col.every((t) => parseNumber(t, ';') !== null);
  });
}

interface TokenizeOptions {
  /** Stop after this many records. */
  limit?: number;
  /** For sniffing the delimiter: an unclosed quote runs to the end instead of throwing. */
  lenient?: boolean;
  /** The text is the file's end; else a record the text may cut is left for the next chunk. */
  final?: boolean;
  /** The line the text starts on. */
  line?: number;
}

/**
 * RFC 4180 fields: a field starting with '"' runs to the closing quote ('""' is a quote)
 * and may hold delimiters and newlines. Blank lines are skipped. `consumed`: the characters of
 * the complete records returned; `line`: the line the rest starts on.
 */
function tokenize(
  text: string,
  delim: Delimiter,
  { limit = Infinity, lenient = false, final = true, line = 1 }: TokenizeOptions = {},
): { records: string[][]; lines: number[]; consumed: number; line: number } {
  const records: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  const D = delim.charCodeAt(0);
  const LF = 10;
  const CR = 13;
  const QUOTE = 34;
  let i = 0;
  let consumed = 0;
  let consumedLine = line;
  const isEnd = (c: number): boolean => c === D || c === LF || c === CR;
  records: while (i < n && records.length < limit) {
    const startLine = line;
    const row: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          // a quote at the very end may be the first of a doubled '""'
          if (!final && (q < 0 || q === n - 1)) break records;
          if (q < 0 && lenient) {
            value += text.slice(j);
            i = n;
            break;
          }
          if (q < 0)
            throw new CsvError('unterminated-quote', `row ${startLine}: a quoted field is never closed (a '"' is missing)`, startLine);
          const part = text.slice(j, q);
          value += part;
          line += countLines(part);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Lenient: anything between the closing quote and the delimiter is kept.
        const rest = i;
        while (i < n && !isEnd(text.charCodeAt(i))) i++;
        if (i === n && !final) break records;
        value += text.slice(rest, i).trim();
      } else {
        const start = i;
        while (i < n && !isEnd(text.charCodeAt(i))) i++;
        if (i === n && !final) break records;
        value = text.slice(start, i);
      }
      row.push(value);
      if (i < n && text.charCodeAt(i) === D) {
        i++;
        continue;
      }
      if (i < n) {
        // a CR at the end may be the first half of a CRLF
        if (!final && i === n - 1 && text.charCodeAt(i) === CR) break records;
        i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
      }
      break;
    }
    const blank = row.length === 1 && row[0].trim() === '';
    if (!blank) {
      records.push(row);
      lines.push(startLine);
    }
    consumed = i;
    consumedLine = line;
  }
  return { records, lines, consumed: final ? n : consumed, line: final ? line : consumedLine };
}

function countLines(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) k++;
  }
  return k;
}
