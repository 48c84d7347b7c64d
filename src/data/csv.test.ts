import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvError, MAX_CLASSES, parseNumber, summarizeColumns, tableRows, toDataset, type CsvErrorCode } from './csv';
import { CsvReader, parseCsv, readCsv } from './csv-reader';
import { assertConsistent, classCounts, type ClassificationDataset, type RegressionDataset } from './dataset';
import { DataError, MAX_FILE_BYTES } from './errors';

/** The error parseCsv throws for `text`, checked to be a CsvError with `code`. */
function failure(text: string, opts: Parameters<typeof parseCsv>[1] = {}, code?: CsvErrorCode): CsvError {
  try {
    parseCsv(text, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(CsvError);
    expect(err).toBeInstanceOf(DataError);
    if (code) expect((err as CsvError).code).toBe(code);
    return err as CsvError;
  }
  throw new Error('parseCsv did not throw');
}

const iris5 = [
  'sepal_length,sepal_width,petal_length,petal_width,species',
  '5.1,3.5,1.4,0.2,setosa',
  '7.0,3.2,4.7,1.4,versicolor',
  '6.3,3.3,6.0,2.5,virginica',
  '4.9,3.0,1.4,0.2,setosa',
].join('\n');

describe('readCsv: delimiters, header, quotes', () => {
  it('reads a comma file with a header', () => {
    const t = readCsv(iris5);
    expect(t.delimiter).toBe(',');
    expect(t.hasHeader).toBe(true);
    expect(t.columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    expect(t.nRows).toBe(4);
    // numbers are kept as numbers (7.0 reads back as 7), other fields as written
    expect(tableRows(t)[1]).toEqual(['7', '3.2', '4.7', '1.4', 'versicolor']);
    expect(Array.from(t.values[0])).toEqual([5.1, 7, 6.3, 4.9]);
    expect(t.texts.slice(0, 4)).toEqual([null, null, null, null]);
    expect(Array.from(t.rowLines)).toEqual([2, 3, 4, 5]);
  });

  it('detects semicolons (with decimal commas) and tabs', () => {
    const semi = readCsv('a;b;label\n5,1;3,5;x\n4,9;3;y\n');
    expect(semi.delimiter).toBe(';');
    expect(tableRows(semi)[0]).toEqual(['5.1', '3.5', 'x']);
    const ds = toDataset(semi);
    expect(Array.from(ds.x)).toEqual([5.1, 3.5, 4.9, 3].map(Math.fround));
    const tab = readCsv('a\tb\tc\n1\t2\t3\n4\t5\t6');
    expect(tab.delimiter).toBe('\t');
    expect(tableRows(tab)).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('detects a missing header, names columns by number, and can be told', () => {
    const t = readCsv('1,2,0\n3,4,1\n');
    expect(t.hasHeader).toBe(false);
    expect(t.columns).toEqual(['column 1', 'column 2', 'column 3']);
    expect(t.nRows).toBe(2);
    expect(Array.from(t.rowLines)).toEqual([1, 2]);
    const forced = readCsv('1,2,0\n3,4,1\n', { header: true });
    expect(forced.columns).toEqual(['1', '2', '0']);
    expect(forced.nRows).toBe(1);
    // Text labels alone do not make a header: the feature columns decide.
    expect(readCsv('1,2,cat\n3,4,dog\n').hasHeader).toBe(false);
  });

  it('handles quoted fields: delimiters, newlines and doubled quotes inside', () => {
    const t = readCsv('x,y,"name, full"\n1,2,"a ""big"", cat"\n3,4,"two\nlines"\n5,6,plain\n');
    expect(t.columns).toEqual(['x', 'y', 'name, full']);
    expect(tableRows(t).map((r) => r[2])).toEqual(['a "big", cat', 'two\nlines', 'plain']);
    expect(Array.from(t.rowLines)).toEqual([2, 3, 5]);
  });

  it('handles CRLF, a byte-order mark, blank lines and a trailing newline', () => {
    const t = readCsv('\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n   \r\n5,6\r\n\r\n');
    expect(t.columns).toEqual(['a', 'b']);
    expect(tableRows(t)).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(Array.from(t.rowLines)).toEqual([2, 4, 6]);
  });
});

describe('toDataset', () => {
  it('makes text labels into sorted classes, features into a float matrix', () => {
    const ds = parseCsv(iris5) as ClassificationDataset;
    expect(ds.task).toBe('classification');
    expect(ds.nFeatures).toBe(4);
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(ds.nClasses).toBe(3);
    expect(Array.from(ds.y)).toEqual([0, 1, 2, 0]);
    expect(Array.from(ds.x.subarray(4, 8))).toEqual([7.0, 3.2, 4.7, 1.4].map(Math.fround));
    expect(() => assertConsistent(ds)).not.toThrow();
  });

  it('picks the label column by name or index, anywhere in the table', () => {
    const text = 'label,a,b\n1,0.5,2\n0,1.5,3\n1,2.5,4\n';
    const byName = parseCsv(text, { label: 'label' }) as ClassificationDataset;
    const byIndex = parseCsv(text, { label: 0 }) as ClassificationDataset;
    expect(byIndex).toEqual(byName);
    expect(Array.from(byName.y)).toEqual([1, 0, 1]);
    expect(byName.classNames).toEqual(['0', '1']);
    expect(Array.from(byName.x)).toEqual([0.5, 2, 1.5, 3, 2.5, 4]);
    const onlyB = parseCsv(text, { label: 'label', features: ['b'] });
    expect(onlyB.nFeatures).toBe(1);
    expect(Array.from(onlyB.x)).toEqual([2, 3, 4]);
  });

  it('sorts numeric classes by value and merges 1 and 1.0', () => {
    const ds = parseCsv('x,y\n1,10\n2,2\n3,2.0\n4,10\n') as ClassificationDataset;
    expect(ds.classNames).toEqual(['2', '10']);
    expect(Array.from(ds.y)).toEqual([1, 0, 0, 1]);
  });

  it('makes a regression dataset of a numeric label', () => {
    const ds = parseCsv('x1,x2,price\n1,2,3.5\n4,5,6.25\n', { task: 'regression' }) as RegressionDataset;
    expect(ds.task).toBe('regression');
    expect(ds.y).toBeInstanceOf(Float32Array);
    expect(Array.from(ds.y)).toEqual([3.5, 6.25]);
    expect(ds.nClasses).toBeUndefined();
    expect(() => assertConsistent(ds)).not.toThrow();
  });

  it("'auto' takes text and few whole numbers as classes, other numbers as targets", () => {
    expect(parseCsv('x,y\n1,0.5\n2,1.5\n').task).toBe('regression');
    expect(parseCsv('x,y\n1,0\n2,1\n').task).toBe('classification');
    const many = ['x,y', ...Array.from({ length: 30 }, (_, i) => `${i},${i}`)].join('\n');
    expect(parseCsv(many).task).toBe('regression');
    expect(parseCsv(many, { task: 'classification' }).nClasses).toBe(30);
    const suggested = (text: string) => summarizeColumns(readCsv(text))[1].suggestedTask;
    expect(suggested('x,y\n1,a\n2,1\n')).toBe('classification');
    expect(suggested('x,y\n1,1\n2,2\n3,\n')).toBe('classification');
  });

  it('summarizes columns for the label picker', () => {
    expect(summarizeColumns(readCsv(iris5))).toEqual([
      { index: 0, name: 'sepal_length', numeric: true, distinct: 4, suggestedTask: 'regression' },
      { index: 1, name: 'sepal_width', numeric: true, distinct: 4, suggestedTask: 'regression' },
      { index: 2, name: 'petal_length', numeric: true, distinct: 3, suggestedTask: 'regression' },
      { index: 3, name: 'petal_width', numeric: true, distinct: 3, suggestedTask: 'regression' },
      { index: 4, name: 'species', numeric: false, distinct: 3, suggestedTask: 'classification' },
    ]);
  });

  it('parses numbers strictly', () => {
    expect(['1', '-2.5', '+.5', '1e3', ' 7 ', '3.'].map((s) => parseNumber(s))).toEqual([1, -2.5, 0.5, 1000, 7, 3]);
    for (const bad of ['', 'abc', '1,5', 'NaN', 'Infinity', '0x10', '1 2', '--1']) expect(parseNumber(bad)).toBeNull();
    expect(parseNumber('1,5', ';')).toBe(1.5);
  });
});

describe('bad files: a CsvError saying what is wrong and where', () => {
  it('more than 100 MB, refused before parsing', () => {
    const err = failure('a'.repeat(MAX_FILE_BYTES + 1), {}, 'too-large');
    expect(err.message).toBe('the file is 100 MB; files up to 100 MB can be loaded');
  });

  it('an empty file', () => {
    expect(failure('', {}, 'empty').message).toBe('the file is empty');
    expect(failure(' \n\r\n\t\n', {}, 'empty').message).toBe('the file is empty');
    expect(failure('\uFEFF', {}, 'empty').message).toBe('the file is empty');
  });

  it('a header and no data', () => {
    expect(failure('a,b,c\n', {}, 'no-data-rows').message).toBe('the file has a header row but no data rows');
  });

  it('ragged rows', () => {
    const rows = ['a,b,c,label', ...Array.from({ length: 15 }, (_, i) => `${i},1,2,0`), '1,2,3', '4,5,6,1'];
    const err = failure(rows.join('\n'), {}, 'ragged');
    expect(err.message).toBe('row 17 has 3 columns, expected 4');
    expect(err.row).toBe(17);
    expect(failure('a,b\n1,2\n3,4,5\n').message).toBe('row 3 has 3 columns, expected 2');
  });

  it('a value that is not a number', () => {
    const text = iris5.split('\n');
    text[4] = '4.9,3.0,1.4,abc,setosa';
    const err = failure(text.join('\n'), {}, 'not-a-number');
    expect(err.message).toBe("row 5, column 'petal_width': 'abc' is not a number");
    expect([err.row, err.column]).toEqual([5, 'petal_width']);
    expect(failure('1,2,0\n3,x,1\n').message).toBe("row 2, column 2: 'x' is not a number");
    expect(failure('a,price\n1,2\n2,cheap\n', { task: 'regression' }).message).toBe("row 3, column 'price': 'cheap' is not a number");
  });

  it('a missing value', () => {
    expect(failure('a,b,label\n1,2,x\n3,,y\n', {}, 'missing-value').message).toBe("row 3, column 'b' is empty");
    expect(failure('a,b,label\n1,2,x\n3,4,\n', {}, 'missing-value').message).toBe("row 3, column 'label' is empty");
  });

  it('a label column with one class', () => {
    const err = failure('a,b,species\n1,2,setosa\n3,4,setosa\n', {}, 'one-class');
    expect(err.message).toBe("the label column 'species' has only one class ('setosa'); classification needs at least two");
    expect(err.column).toBe('species');
  });

  it('too many classes', () => {
    const rows = ['a,id', ...Array.from({ length: MAX_CLASSES + 1 }, (_, i) => `${i},id${i}`)];
    expect(failure(rows.join('\n'), {}, 'too-many-classes').message).toBe(
      "the label column 'id' has more than 1000 different values; pick another label column, or regression",
    );
  });

  it('an unknown label column', () => {
    expect(failure(iris5, { label: 'kind' }, 'unknown-column').message).toBe(
      "there is no column 'kind'; the columns are 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'",
    );
    expect(failure('1,2\n3,4\n', { label: 5 }, 'unknown-column').message).toBe(
      "there is no column 6; the columns are 'column 1', 'column 2'",
    );
  });

  it('a single column, or no feature left', () => {
    expect(failure('label\n1\n0\n', {}, 'too-few-columns').message).toBe(
      "the file has only one column ('label'); it needs at least one feature column and a label column",
    );
    expect(failure('a,b\n1,0\n2,1\n', { label: 'b', features: ['b'] }, 'too-few-columns').message).toBe(
      "no feature columns: every column but the label (column 'b') was left out",
    );
  });

  it('an unclosed quote', () => {
    expect(failure('a,b\n1,2\n3,"4\n5,6\n', {}, 'unterminated-quote').message).toBe(
      `row 3: a quoted field is never closed (a '"' is missing)`,
    );
  });
});

describe('public/data/iris.csv (Fisher 1936, as in the UCI repository)', () => {
  it('parses into 150 flowers, 4 features, 3 classes of 50', () => {
    const text = readFileSync(join(process.cwd(), 'public', 'data', 'iris.csv'), 'utf8');
    const ds = parseCsv(text, { label: 'species' }) as ClassificationDataset;
    expect(ds.task).toBe('classification');
    expect(ds.y.length).toBe(150);
    expect(ds.nFeatures).toBe(4);
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(classCounts(ds)).toEqual([50, 50, 50]);
    expect(Array.from(ds.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(Array.from(ds.x.subarray(149 * 4))).toEqual([5.9, 3.0, 5.1, 1.8].map(Math.fround));
    expect(ds.x.every((v) => v > 0 && v < 8)).toBe(true);
  });
});

describe('values training cannot hold, names given twice', () => {
  it('refuses a value beyond float32, naming its row and column (it would become Infinity, then a NaN loss)', () => {
    for (const big of ['1e39', '-1e39', '1e308']) {
      const e = failure(`a,b,label\n1,2,x\n3,${big},y\n`, {}, 'out-of-float32');
      expect(e.message).toBe(`row 3, column 'b': ${big} is beyond what training's 32-bit floats hold (±3.4e38); rescale the column`);
      expect([e.row, e.column]).toEqual([3, 'b']);
    }
    expect(failure('a,y\n1,1e39\n2,3\n', { task: 'regression' }, 'out-of-float32').message).toMatch(/^row 2, column 'y': 1e39/);
    // the largest float32 itself, and tiny values, are fine
    expect(parseCsv('a,label\n3.4e38,x\n1e-50,y\n').x[0]).toBe(Math.fround(3.4e38));
  });

  it('renames a repeated header name as pandas does, and says which', () => {
    const t = readCsv('x,x,x.1,x,label\n1,2,3,4,a\n5,6,7,8,b\n');
    // pandas: x, x.1, x.1.1 (x.1 is taken), x.2 — the fastai script reads the same names
    expect(t.columns).toEqual(['x', 'x.1', 'x.1.1', 'x.2', 'label']);
    expect(t.renamed).toEqual([
      { from: 'x', to: 'x.1' },
      { from: 'x.1', to: 'x.1.1' },
      { from: 'x', to: 'x.2' },
    ]);
    // the label is the column picked, not the first of that name
    const ds = toDataset(readCsv('x,x\n1,0\n2,1\n3,0\n'), { label: 'x.1' }) as ClassificationDataset;
    expect(Array.from(ds.x)).toEqual([1, 2, 3]);
    expect(Array.from(ds.y)).toEqual([0, 1, 0]);
    expect(readCsv('a,b\n1,2\n').renamed).toEqual([]);
  });
});

describe('CsvReader: a file read in chunks reads as the whole text does', () => {
  const tricky = [
    '\uFEFFx,y,"name, full"\r\n1,2,"a ""big"", cat"\r\n\r\n3,4,"two\r\nlines"\n5,6,plain\r\n7,8,""\n9,10,"x"""\n',
    'a,b,label\n1,2,x\n3,,y\n4,5,\n1e39,2,z\n',
    'a;b;c\n5,1;3,5;x\n4,9;3;"y;z"\n',
  ];
  const chunked = (text: string, cuts: number[], delimiter?: ',' | ';') => {
    const reader = new CsvReader({ delimiter });
    let from = 0;
    for (const cut of [...cuts, text.length]) {
      reader.push(text.slice(from, cut));
      from = cut;
    }
    return reader.finish();
  };

  it('at every cut into two chunks, and cut into single characters', () => {
    for (const text of tricky) {
      const delimiter = text.includes(';') ? ';' : ',';
      const whole = readCsv(text);
      for (let cut = 0; cut <= text.length; cut++) expect(chunked(text, [cut], delimiter)).toEqual(whole);
      const everyChar = Array.from({ length: text.length }, (_, i) => i);
      expect(chunked(text, everyChar, delimiter)).toEqual(whole);
    }
  });

  it('sniffs the delimiter on the first megabyte of a bigger file, and counts rows as they come', () => {
    const rows = Array.from({ length: 80_000 }, (_, i) => `${i};${(i * 0.37).toFixed(3)};"c${i % 3}"`);
    const text = `id;v;label\n${rows.join('\n')}\n`;
    const reader = new CsvReader();
    const seen: number[] = [];
    for (let i = 0; i < text.length; i += 65_536) {
      reader.push(text.slice(i, i + 65_536));
      seen.push(reader.rows);
    }
    const table = reader.finish();
    expect(table).toEqual(readCsv(text));
    expect(table.delimiter).toBe(';');
    expect(table.nRows).toBe(80_000);
    expect(seen[0]).toBe(0); // nothing before the delimiter is known
    expect(seen[seen.length - 1]).toBeGreaterThan(70_000);
  });

  it('names the row of an unclosed quote and of a ragged row whatever the chunks', () => {
    for (const cut of [3, 9, 12]) {
      expect(() => chunked('a,b\n1,2\n3,"4\n5,6\n', [cut], ',')).toThrow(`row 3: a quoted field is never closed`);
      expect(() => chunked('a,b\n1,2\n\n3,4,5\n', [cut], ',')).toThrow('row 4 has 3 columns, expected 2');
    }
  });
});
