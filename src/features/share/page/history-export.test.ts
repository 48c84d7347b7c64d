import { describe, expect, it } from 'vitest';
import { cellText } from '../../../data/csv';
import { readCsv } from '../../../data/csv-reader';
import type { BatchRecord, EpochRecord } from '../../run/messages';
import { historyToCsv, historyToJson } from './history-export';

const batches: BatchRecord[] = [
  { epoch: 0, iter: 0, trainIter: 0, loss: 1.25, smoothLoss: 1.25, lr: 0.001 },
  { epoch: 0, iter: 1, trainIter: 1, loss: 0.8, smoothLoss: 1.0123456789, lr: 1e-7 },
  { epoch: 1, iter: 0, trainIter: 2, loss: NaN, smoothLoss: Infinity, lr: 0.002 },
];
const epochs: EpochRecord[] = [
  { epoch: 0, trainLoss: 1.1, validLoss: 0.9, metrics: { accuracy: 0.5 }, seconds: 0.25 },
  { epoch: 1, trainLoss: null, validLoss: null, metrics: {}, seconds: 0.1 },
];

describe('history export', () => {
  it('CSV parses back with src/data/csv.ts, every number equal', () => {
    const table = readCsv(historyToCsv(batches, epochs), { header: true });
    expect(table.columns).toEqual([
      'kind',
      'epoch',
      'iter',
      'train_iter',
      'loss',
      'smooth_loss',
      'lr',
      'train_loss',
      'valid_loss',
      'accuracy',
      'seconds',
    ]);
    expect(table.nRows).toBe(5);
    const col = (name: string) => table.columns.indexOf(name);
    const num = (r: number, name: string) => Number(cellText(table, r, col(name)));
    batches.slice(0, 2).forEach((b, r) => {
      expect(num(r, 'loss')).toBe(b.loss);
      expect(num(r, 'smooth_loss')).toBe(b.smoothLoss);
      expect(num(r, 'lr')).toBe(b.lr);
      expect(num(r, 'train_iter')).toBe(b.trainIter);
    });
    expect(cellText(table, 2, col('loss'))).toBe('nan');
    expect(cellText(table, 2, col('smooth_loss'))).toBe('inf');
    expect(cellText(table, 3, col('kind'))).toBe('epoch');
    expect(num(3, 'valid_loss')).toBe(0.9);
    expect(num(3, 'accuracy')).toBe(0.5);
    expect(cellText(table, 4, col('train_loss'))).toBe('');
  });

  it('JSON parses back (non-finite numbers as null)', () => {
    const back = JSON.parse(historyToJson(batches, epochs)) as { batches: BatchRecord[]; epochs: EpochRecord[] };
    expect(back.epochs).toEqual(epochs);
    expect(back.batches.slice(0, 2)).toEqual(batches.slice(0, 2));
    expect(back.batches[2].loss).toBeNull();
  });
});
