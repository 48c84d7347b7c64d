// The user's own table -> Dataset. Two steps, so the page can show the
// columns and let the user pick the label before anything is converted:
//   readCsv(text) / CsvReader     -> CsvTable (csv-reader.ts: delimiter and header detected, quotes handled)
//   toDataset(table, { label })   -> Dataset (numeric features, the label as classes or a target)
// parseCsv(text, opts) does both. Every problem with the file is a CsvError whose
// message says which row and which column and what was wrong. Rows are numbered
// as in a text editor or spreadsheet: the line the row starts on, header included.
import type { Dataset, Task } from './dataset';
import { DataError } from './errors';

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
/** Tried in this order; ties go to the first. */
export const DELIMITERS: readonly Delimiter[] = ['\t', ';', ','];

export interface CsvTable {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** Column names: the header's (a repeated name renamed as pandas does: x, x.1, x.2), or 'column 1', 'column 2', ... */
  columns: string[];
  /** The header names that were repeated, and what they became. */
  renamed: Array<{ from: string; to: string }>;
  /** Data rows (header excluded). */
  nRows: number;
  /** Each column's values by row: the number a field holds, NaN where it holds none. */
  values: Float64Array[];
  /**
   * Each column's fields that are not plain float32 numbers (text, empty, out of range), by row, as
   * written; undefined for the others (their text is the number's). null: a column of numbers only.
   */
  texts: Array<ReadonlyArray<string | undefined> | null>;
  /** The line each data row starts on (1-based, header included). */
  rowLines: Int32Array;
}

/** The field at data row `r`, column `j`: as written, or (a plain number) as JavaScript prints it. */
export function cellText(table: CsvTable, r: number, j: number): string {
  return table.texts[j]?.[r] ?? String(table.values[j][r]);
}

/** The data rows as fields (small tables: tests, previews). */
export function tableRows(table: CsvTable): string[][] {
  return Array.from({ length: table.nRows }, (_, r) => table.columns.map((_, j) => cellText(table, r, j)));
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
    const { numeric, distinct } = columnStats(table, index);
    return { index, name, numeric, distinct, suggestedTask: suggestColumnTask(table, index) };
  });
}

function columnStats(table: CsvTable, j: number): { numeric: boolean; distinct: number } {
  const values = table.values[j];
  const texts = table.texts[j];
  const seen = new Set<string | number>();
  let numeric = true;
  for (let r = 0; r < table.nRows; r++) {
    const text = texts?.[r];
    if (text === undefined || !Number.isNaN(values[r])) {
      if (seen.size <= MAX_CLASSES) seen.add(values[r]);
      continue;
    }
    const t = text.trim();
    if (t === '') continue;
    numeric = false;
    if (seen.size <= MAX_CLASSES) seen.add(t);
  }
  return { numeric, distinct: seen.size };
}

/**
 * 'auto': text labels, or whole numbers with at most AUTO_CLASS_LIMIT distinct values,
 * are classes; any other numeric column is a regression target.
 */
function suggestColumnTask(table: CsvTable, j: number): Task {
  const values = table.values[j];
  const texts = table.texts[j];
  const distinct = new Set<number>();
  for (let r = 0; r < table.nRows; r++) {
    const v = values[r];
    if (Number.isNaN(v)) {
      if ((texts?.[r]?.trim() ?? '') === '') continue; // empty
      return 'classification'; // text
    }
    if (!Number.isInteger(v)) return 'regression';
    if (distinct.size <= AUTO_CLASS_LIMIT) distinct.add(v);
  }
  return distinct.size <= AUTO_CLASS_LIMIT ? 'classification' : 'regression';
}

/** Why a field cannot be a float32 number, or null: empty, not a number, out of range. */
type CellProblem = 'missing-value' | 'not-a-number' | 'out-of-float32';

function cellProblem(table: CsvTable, r: number, j: number): CellProblem | null {
  const v = table.values[j][r];
  if (Number.isNaN(v)) return table.texts[j]?.[r]?.trim() === '' ? 'missing-value' : 'not-a-number';
  return Math.abs(v) > FLOAT32_MAX ? 'out-of-float32' : null;
}

/** The first row (in file order) of `cols` with a field that is no float32 number, and its column. */
function firstBadCell(table: CsvTable, cols: readonly number[]): { r: number; j: number } | null {
  let best: { r: number; j: number } | null = null;
  for (const j of cols) {
    const values = table.values[j];
    const end = best ? best.r : table.nRows; // a later column wins only on an earlier row
    for (let r = 0; r < end; r++) {
      const v = values[r];
      if (Number.isNaN(v) || Math.abs(v) > FLOAT32_MAX) {
        best = { r, j };
        break;
      }
    }
  }
  return best;
}

/** Converts a table: features must be numbers; the label becomes class ids (+ names) or float targets. */
export function toDataset(table: CsvTable, opts: ToDatasetOptions = {}): Dataset {
  const { columns, rowLines, values, nRows: n } = table;
  const name = (j: number) => (table.hasHeader ? `column '${columns[j]}'` : `column ${j + 1}`);
  const labelCol = resolveColumn(table, opts.label ?? columns.length - 1);
  const featureCols = (opts.features?.map((c) => resolveColumn(table, c)) ?? columns.map((_, j) => j)).filter((j) => j !== labelCol);
  if (featureCols.length === 0) {
    throw new CsvError('too-few-columns', `no feature columns: every column but the label (${name(labelCol)}) was left out`);
  }
  const refuse = (r: number, j: number): never => {
    const line = rowLines[r];
    const v = cellText(table, r, j).trim();
    const problem = cellProblem(table, r, j);
    if (problem === 'missing-value') throw new CsvError(problem, `row ${line}, ${name(j)} is empty`, line, columns[j]);
    if (problem === 'not-a-number') throw new CsvError(problem, `row ${line}, ${name(j)}: '${v}' is not a number`, line, columns[j]);
    const message = `row ${line}, ${name(j)}: ${v} is beyond what training's 32-bit floats hold (±3.4e38); rescale the column`;
    throw new CsvError('out-of-float32', message, line, columns[j]);
  };
  const bad = firstBadCell(table, featureCols);
  if (bad) refuse(bad.r, bad.j);

  const f = featureCols.length;
  const x = new Float32Array(n * f);
  featureCols.forEach((j, k) => {
    const col = values[j];
    for (let r = 0; r < n; r++) x[r * f + k] = col[r];
  });

  const labels = values[labelCol];
  const task = !opts.task || opts.task === 'auto' ? suggestColumnTask(table, labelCol) : opts.task;
  if (task === 'regression') {
    const badLabel = firstBadCell(table, [labelCol]);
    if (badLabel) refuse(badLabel.r, badLabel.j);
    return { task, x, y: Float32Array.from(labels), nFeatures: f };
  }
  // Classes: numbers are compared by value ('1' = '1.0') and sorted numerically, text sorted by code point.
  const texts = table.texts[labelCol];
  const keys: string[] = new Array<string>(n);
  for (let r = 0; r < n; r++) {
    if (!Number.isNaN(labels[r])) keys[r] = String(labels[r]);
    else if (cellProblem(table, r, labelCol) === 'missing-value') refuse(r, labelCol);
    else keys[r] = texts![r]!.trim();
  }
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
