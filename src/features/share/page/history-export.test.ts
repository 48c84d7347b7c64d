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

  it('no log, or an empty one: the files are as before', () => {
    expect(historyToCsv(batches, epochs, {})).toBe(historyToCsv(batches, epochs));
    expect(historyToJson(batches, epochs, {})).toBe(historyToJson(batches, epochs));
    expect(JSON.parse(historyToJson(batches, epochs, {}))).not.toHaveProperty('userLog');
  });
});

describe('history export: what the user callbacks logged', () => {
  const b: BatchRecord[] = [
    { epoch: 0, iter: 0, trainIter: 0, loss: 2, smoothLoss: 2, lr: 0.1 },
    { epoch: 0, iter: 1, trainIter: 1, loss: 1.5, smoothLoss: 1.75, lr: 0.1 },
    { epoch: 1, iter: 0, trainIter: 2, loss: 1, smoothLoss: 1.5, lr: 0.05 },
  ];
  const e: EpochRecord[] = [{ epoch: 0, trainLoss: 1.75, validLoss: 1.6, metrics: {}, seconds: 0.5 }];
  const log = {
    grad_norm: { x: [1, 2, 3], y: [0.5, 0.25, NaN] },
    'valid acc': { x: [2, 5], y: [0.75, 0.9] },
    epochs: { x: [0, 2, 2], y: [0, 1, 1.5] },
  };

  it('CSV: one log_ column per series, on the batch row where train_iter + 1 === x, log rows for the rest', () => {
    expect(historyToCsv(b, e, log)).toBe(
      [
        'kind,epoch,iter,train_iter,loss,smooth_loss,lr,train_loss,valid_loss,seconds,log_grad_norm,log_valid_acc,log_epochs',
        'batch,0,0,0,2,2,0.1,,,,0.5,,',
        'batch,0,1,1,1.5,1.75,0.1,,,,0.25,0.75,1',
        'batch,1,0,2,1,1.5,0.05,,,,nan,,',
        'epoch,0,,,,,,1.75,1.6,0.5,,,',
        'log,,,-1,,,,,,,,,0',
        'log,,,1,,,,,,,,,1.5',
        'log,,,4,,,,,,,,0.9,',
      ].join('\n') + '\n',
    );
  });

  it('CSV: names that meet once made safe stay apart', () => {
    const header = historyToCsv([], [], { 'a b': { x: [], y: [] }, a_b: { x: [], y: [] }, '': { x: [], y: [] } }).split('\n')[0];
    expect(header.split(',').slice(-3)).toEqual(['log_a_b', 'log_a_b_2', 'log_metric']);
  });

  it('CSV parses back with src/data/csv.ts', () => {
    const table = readCsv(historyToCsv(b, e, log), { header: true });
    expect(table.nRows).toBe(7);
    expect(cellText(table, 1, table.columns.indexOf('log_valid_acc'))).toBe('0.75');
  });

  it('JSON: a userLog object, by name, x and y (non-finite as null)', () => {
    const text = historyToJson(b.slice(0, 1), [], { grad_norm: { x: [1, 2], y: [0.5, Infinity] } });
    expect(JSON.parse(text)).toEqual({
      batches: [b[0]],
      epochs: [],
      userLog: { grad_norm: { x: [1, 2], y: [0.5, null] } },
    });
  });
});
