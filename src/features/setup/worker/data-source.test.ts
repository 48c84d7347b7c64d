import { describe, expect, it } from 'vitest';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../../../data/idx';
import { DataError } from '../../../data/errors';
import type { DatasetSetup } from '../messages';
import { DataSource } from './data-source';

const fileOf = (text: string) => new Blob([text]);
const user = (validPct: number): DatasetSetup => ({ kind: 'user', seed: 0, validPct });

function idx(magic: number, dims: number[], body: ArrayLike<number>): ArrayBuffer {
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  out.set(body, 4 + 4 * dims.length);
  return out.buffer;
}

async function refusal(load: () => unknown): Promise<DataError> {
  try {
    await load();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  }
  throw new Error('it did not throw');
}

describe('DataSource: an empty validation half is said when the data is split, not mid-run', () => {
  it('a 2-row CSV with the share 0.2', async () => {
    const data = new DataSource();
    await data.loadCsv('two.csv', fileOf('a,b,y\n1,2,3.5\n3,4,7.25\n'), 'y', 'regression');
    expect((await refusal(() => data.get(user(0.2)))).message).toBe(
      'the validation share 0.2 of 2 rows leaves no validation rows; add rows or raise the share',
    );
    expect(data.get(user(0.5)).valid.y.length).toBe(1);
    // a file just loaded is still described (its share is chosen on the page)
    expect(data.splitOf(user(0.2)).train.y.length).toBe(2);
  });

  it('one row per class: every class keeps its row for training', async () => {
    const data = new DataSource();
    await data.loadCsv('pairs.csv', fileOf('a,b,label\n1,2,x\n3,4,y\n5,6,z\n7,8,w\n9,1,v\n'));
    expect((await refusal(() => data.get(user(0.4)))).message).toBe(
      'the validation share 0.4 of 5 rows leaves no validation rows: every class has only one row, and each class keeps its row for training; add rows',
    );
  });
});

describe('DataSource: a file that is not a text CSV says what it is', () => {
  const cases: Array<[string, number[], string]> = [
    ['x.csv', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'x.csv is not a text CSV: it looks like a PNG image'],
    ['x.csv', [0x1f, 0x8b, 8, 0, 1, 2, 3], 'x.csv is not a text CSV: it is gzip-compressed (.gz); decompress it first'],
    ['book.csv', [0x50, 0x4b, 3, 4, 20, 0], 'book.csv is not a text CSV: it looks like a ZIP archive (or an Excel .xlsx workbook)'],
    ['w.csv', [0xff, 0xfe, 0x61, 0, 0x2c, 0, 0x62, 0], 'w.csv is not a text CSV: it is UTF-16 text; save it as UTF-8 CSV'],
    [
      'w.csv',
      [...'a,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0]),
      'w.csv is not a text CSV: it is UTF-16 text (every other byte is zero)',
    ],
    ['bin.csv', [0x61, 0x2c, 0x62, 0x0a, 0x31, 0, 0, 0x32, 0x0a], 'bin.csv is not a text CSV: it holds binary data (zero bytes), not text'],
    ['l1.csv', [0x61, 0x2c, 0xe9, 0x0a, 0x31, 0x2c, 0x32, 0x0a], 'l1.csv is not a text CSV: it is not valid UTF-8 text'],
  ];
  it.each(cases)('%s: %s', async (name, bytes, message) => {
    const data = new DataSource();
    expect((await refusal(() => data.loadCsv(name, new Blob([Uint8Array.from(bytes)])))).message).toContain(message);
  });

  it('a single IDX images file: the labels file is needed too', async () => {
    const data = new DataSource();
    const images = idx(IDX_IMAGES_MAGIC, [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await refusal(() => data.loadCsv('train-images.idx3-ubyte', new Blob([images])))).message).toBe(
      'train-images.idx3-ubyte is not a text CSV: it looks like an IDX images file; IDX data needs the labels file too: pick both files together',
    );
  });

  it('a UTF-8 CSV with a BOM and accents still loads', async () => {
    const data = new DataSource();
    const ds = await data.loadCsv('fr.csv', fileOf('\ufefflongueur,étiquette\n1,a\n2,b\n3,a\n4,b\n'));
    expect(ds.y.length).toBe(4);
  });
});

describe('DataSource: IDX problems name the file they are in', () => {
  it('a wrong magic number in the images file names the images file', async () => {
    const data = new DataSource();
    const images = idx(0x00000802, [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    const labels = idx(IDX_LABELS_MAGIC, [2], [0, 1]);
    await expect(data.loadIdx('imgs.idx3-ubyte + labs.idx1-ubyte', images, labels)).rejects.toThrow(
      'the images file imgs.idx3-ubyte has the wrong magic number 0x00000802',
    );
  });
});
