// The user's own table: CSV text -> Dataset. Two steps, so the page can show the
// columns and let the user pick the label before anything is converted:
//   readCsv(text)                 -> CsvTable (delimiter and header row detected, quotes handled)
//   toDataset(table, { label })   -> Dataset (numeric features, the label as classes or a target)
// parseCsv(text, opts) does both. Every problem with the file is a CsvError whose
// message says which row and which column and what was wrong. Rows are numbered
// as in a text editor or spreadsheet: the line the row starts on, header included.
import type { Dataset, Task } from './dataset';
import { DataError, fileSizeProblem } from './errors';

export type CsvErrorCode =
  | 'not-text'
  | 'too-large'
  | 'empty'
  | 'no-data-rows'
  | 'unterminated-quote'
  | 'ragged'
  | 'too-few-columns'
  | 'unknown-column'
  | 'missing-value'
  | 'not-a-number'
  | 'one-class'
  | 'too-many-classes'
  | 'out-of-float32';

export class CsvError extends DataError {
  declare readonly code: CsvErrorCode;
  constructor(
    code: CsvErrorCode,
    message: string,
    /** The row (editor line) and column the problem is in, when there is one. */
    readonly row?: number,
    readonly column?: string,
  ) {
    super(code, message);
  }
}

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = ['\t', ';', ','];

export interface CsvTable {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** Column names: the header's (a repeated name renamed as pandas does: x, x.1, x.2), or 'column 1', 'column 2', ... */
  columns: string[];
  /** The header names that were repeated, and what they became. */
  renamed: Array<{ from: string; to: string }>;
  /** Data rows (header excluded), raw field strings. */
  rows: string[][];
  /** The line each data row starts on (1-based, header included). */
  rowLines: number[];
}

export interface ReadCsvOptions {
  /** Default: detected among comma, semicolon and tab. */
  delimiter?: Delimiter;
  /** Default: detected (a first row with text above a numeric column is a header). */
  header?: boolean;
}

/** A column by header name or by 0-based index. */
export type ColumnRef = string | number;

export interface ToDatasetOptions {
  /** The label column; default: the last one. */
  label?: ColumnRef;
  /** The feature columns; default: every other column. */
  features?: ColumnRef[];
  /** Default 'auto': see suggestTask. */
  task?: Task | 'auto';
}

export type ParseCsvOptions = ReadCsvOptions & ToDatasetOptions;

/** More classes than this is almost surely the wrong label column (an id, a float). */
export const MAX_CLASSES = 1000;
/** Numeric labels with at most this many distinct whole values are taken as classes by 'auto'. */
export const AUTO_CLASS_LIMIT = 20;

export function parseCsv(text: string, opts: ParseCsvOptions = {}): Dataset {
  return toDataset(readCsv(text, opts), opts);
}

/** Splits the text into rows and fields, detecting the delimiter and the header row. */
export function readCsv(text: string, opts: ReadCsvOptions = {}): CsvTable {
  // Size first, before any work (UTF-16 units: the byte count for ASCII files).
  // Callers holding a File should also call checkFileSize(file.size) before reading it.
  const tooLarge = fileSizeProblem(text.length);
  if (tooLarge) throw new CsvError('too-large', tooLarge);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new CsvError('empty', 'the file is empty');
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const { records, lines } = tokenize(text, delimiter);
  const width = records[0].length;
  for (let r = 1; r < records.length; r++) {
    if (records[r].length !== width) {
      throw new CsvError('ragged', `row ${lines[r]} has ${records[r].length} columns, expected ${width}`, lines[r]);
    }
  }
  const hasHeader = opts.header ?? detectHeader(records);
  const named = Array.from({ length: width }, (_, j) => (hasHeader && records[0][j].trim()) || `column ${j + 1}`);
  const columns = dedupeNames(named);
  const renamed = named.flatMap((from, j) => (columns[j] !== from ? [{ from, to: columns[j] }] : []));
  const start = hasHeader ? 1 : 0;
  if (records.length === start) throw new CsvError('no-data-rows', 'the file has a header row but no data rows', lines[0]);
  if (width < 2) {
    const only = hasHeader ? ` ('${columns[0]}')` : '';
    throw new CsvError('too-few-columns', `the file has only one column${only}; it needs at least one feature column and a label column`);
  }
  return { delimiter, hasHeader, columns, renamed, rows: records.slice(start), rowLines: lines.slice(start) };
}

/** Repeated names made unique the way pandas' read_csv does (x, x, x -> x, x.1, x.2), so the fastai script sees the same names. */
export function dedupeNames(names: readonly string[]): string[] {
  const counts = new Map<string, number>();
  return names.map((name) => {
    let col = name;
    let count = counts.get(col) ?? 0;
    while (count > 0) {
      counts.set(col, count + 1);
      col = `${col}.${count}`;
      count = counts.get(col) ?? 0;
    }
    counts.set(col, count + 1);
    return col;
  });
}

/** The largest finite float32: a bigger value becomes ±Infinity in the tensors. */
export const FLOAT32_MAX = 3.4028234663852886e38;

export interface ColumnSummary {
  index: number;
  name: string;
  /** Every non-empty value is a number. */
  numeric: boolean;
  /** Distinct non-empty values, counted up to MAX_CLASSES + 1. */
  distinct: number;
  /** What 'auto' would make of it as the label. */
  suggestedTask: Task;
}

/** One line per column, for the page's label picker. */
export function summarizeColumns(table: CsvTable): ColumnSummary[] {
  return table.columns.map((name, index) => {
    const values = table.rows.map((r) => r[index]);
    const seen = new Set<string>();
    let numeric = true;
    for (const v of values) {
      const t = v.trim();
      if (t === '') continue;
      if (numeric && parseNumber(t, table.delimiter) === null) numeric = false;
      if (seen.size <= MAX_CLASSES) seen.add(t);
    }
    return { index, name, numeric, distinct: seen.size, suggestedTask: suggestTask(values, table.delimiter) };
  });
}

/**
 * 'auto': text labels, or whole numbers with at most AUTO_CLASS_LIMIT distinct values,
 * are classes; any other numeric column is a regression target.
 */
export function suggestTask(values: readonly string[], delimiter: Delimiter = ','): Task {
  const distinct = new Set<number>();
  for (const v of values) {
    const t = v.trim();
    if (t === '') continue;
    const num = parseNumber(t, delimiter);
    if (num === null) return 'classification';
    if (!Number.isInteger(num)) return 'regression';
    distinct.add(num);
  }
  return distinct.size <= AUTO_CLASS_LIMIT ? 'classification' : 'regression';
}

/** Converts a table: features must be numbers; the label becomes class ids (+ names) or float targets. */
export function toDataset(table: CsvTable, opts: ToDatasetOptions = {}): Dataset {
  const { columns, rows, rowLines, delimiter } = table;
  const name = (j: number) => (table.hasHeader ? `column '${columns[j]}'` : `column ${j + 1}`);
  const labelCol = resolveColumn(table, opts.label ?? columns.length - 1);
  const featureCols = (opts.features?.map((c) => resolveColumn(table, c)) ?? columns.map((_, j) => j)).filter((j) => j !== labelCol);
  if (featureCols.length === 0) {
    throw new CsvError('too-few-columns', `no feature columns: every column but the label (${name(labelCol)}) was left out`);
  }
  const valueAt = (r: number, j: number): string => {
    const v = rows[r][j].trim();
    if (v === '') throw new CsvError('missing-value', `row ${rowLines[r]}, ${name(j)} is empty`, rowLines[r], columns[j]);
    return v;
  };
  const numberAt = (r: number, j: number): number => {
    const v = valueAt(r, j);
    const num = parseNumber(v, delimiter);
    if (num === null) throw new CsvError('not-a-number', `row ${rowLines[r]}, ${name(j)}: '${v}' is not a number`, rowLines[r], columns[j]);
    if (Math.abs(num) > FLOAT32_MAX) {
      const message = `row ${rowLines[r]}, ${name(j)}: ${v} is beyond what training's 32-bit floats hold (±3.4e38); rescale the column`;
      throw new CsvError('out-of-float32', message, rowLines[r], columns[j]);
    }
    return num;
  };

  const n = rows.length;
  const f = featureCols.length;
  const x = new Float32Array(n * f);
  for (let r = 0; r < n; r++) for (let k = 0; k < f; k++) x[r * f + k] = numberAt(r, featureCols[k]);

  const labels = rows.map((row) => row[labelCol]);
  const task = !opts.task || opts.task === 'auto' ? suggestTask(labels, delimiter) : opts.task;
  if (task === 'regression') {
    const y = Float32Array.from({ length: n }, (_, r) => numberAt(r, labelCol));
    return { task, x, y, nFeatures: f };
  }
  // Classes: numbers are compared by value ('1' = '1.0') and sorted numerically, text sorted by code point.
  const keys = labels.map((_, r) => {
    const v = valueAt(r, labelCol);
    const num = parseNumber(v, delimiter);
    return num === null ? v : String(num);
  });
  const distinct = [...new Set(keys)];
  const allNumeric = distinct.every((k) => parseNumber(k, ',') !== null);
  distinct.sort(allNumeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (distinct.length < 2) {
    throw new CsvError(
      'one-class',
      `the label ${name(labelCol)} has only one class ('${distinct[0]}'); classification needs at least two`,
      undefined,
      columns[labelCol],
    );
  }
  if (distinct.length > MAX_CLASSES) {
    throw new CsvError(
      'too-many-classes',
      `the label ${name(labelCol)} has more than ${MAX_CLASSES} different values; pick another label column, or regression`,
      undefined,
      columns[labelCol],
    );
  }
  const id = new Map(distinct.map((k, i) => [k, i]));
  const y = Int32Array.from(keys, (k) => id.get(k)!);
  return { task, x, y, nFeatures: f, nClasses: distinct.length, classNames: distinct };
}

function resolveColumn(table: CsvTable, ref: ColumnRef): number {
  const { columns } = table;
  const j = typeof ref === 'number' ? ref : columns.indexOf(ref.trim());
  if (Number.isInteger(j) && j >= 0 && j < columns.length) return j;
  const list = columns.map((c) => `'${c}'`).join(', ');
  const what = typeof ref === 'number' ? `column ${ref + 1}` : `column '${ref}'`;
  throw new CsvError('unknown-column', `there is no ${what}; the columns are ${list}`, undefined, String(ref));
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** A finite number, or null. With ';' or tab delimiters a decimal comma is accepted ('5,1'). */
export function parseNumber(text: string, delimiter: Delimiter = ','): number | null {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  if (delimiter !== ',' && DECIMAL_COMMA.test(t)) return Number(t.replace(',', '.'));
  return null;
}

/** The delimiter that splits the first rows into the same number (> 1) of fields, the most fields winning. */
function detectDelimiter(text: string): Delimiter {
  let best: { d: Delimiter; width: number; consistent: boolean } | null = null;
  for (const d of DELIMITERS) {
    const sample = tokenize(text, d, 50, true).records;
    const width = sample[0].length;
    const consistent = width > 1 && sample.every((r) => r.length === width);
    const better = !best || (consistent && !best.consistent) || (consistent === best.consistent && width > best.width);
    if (better) best = { d, width, consistent };
  }
  return best!.d;
}

/** A header if some column has text in the first row and only numbers below it (in the next 20 rows). */
function detectHeader(records: string[][]): boolean {
  const first = records[0];
  const below = records.slice(1, 21);
  if (below.length === 0) return first.some((v) => parseNumber(v, ';') === null);
  return first.some((v, j) => {
    if (parseNumber(v, ';') !== null) return false;
    const col = below.map((r) => r[j].trim()).filter((t) => t !== '');
    return col.length > 0 && col.every((t) => parseNumber(t, ';') !== null);
  });
}

/**
 * RFC 4180 fields: a field starting with '"' runs to the closing quote ('""' is a quote)
 * and may hold delimiters and newlines. Blank lines are skipped. Stops after `limit` records.
 * `lenient` (for sniffing the delimiter) lets an unclosed quote run to the end instead of throwing.
 */
function tokenize(text: string, delim: Delimiter, limit = Infinity, lenient = false): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  const D = delim.charCodeAt(0);
  const LF = 10;
  const CR = 13;
  const QUOTE = 34;
  let i = 0;
  let line = 1;
  const endOfLine = () => {
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
  };
  while (i < n && records.length < limit) {
    const startLine = line;
    const row: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
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
        value += text.slice(rest, i).trim();
      } else {
        const start = i;
        while (i < n && !isEnd(text.charCodeAt(i))) i++;
        value = text.slice(start, i);
      }
      row.push(value);
      if (i < n && text.charCodeAt(i) === D) {
        i++;
        continue;
      }
      if (i < n) endOfLine();
      break;
    }
    const blank = row.length === 1 && row[0].trim() === '';
    if (!blank) {
      records.push(row);
      lines.push(startLine);
    }
  }
  if (records.length === 0) throw new CsvError('empty', 'the file is empty');
  return { records, lines };

  function isEnd(c: number): boolean {
    return c === D || c === LF || c === CR;
  }
}

function countLines(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) k++;
  }
  return k;
}
