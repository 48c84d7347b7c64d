// The page's own run of a case: the worker's Session and CallbacksFeature, in Node on tfjs's cpu
// backend (as the unit tests train), with the case's file loaded as the page loads it.
import { readFileSync } from 'node:fs';
import { CallbacksFeature } from '../src/features/callbacks/worker/callbacks-feature';
import type { WorkerToPage } from '../src/features/messages';
import { Session } from '../src/features/run/worker/session';
import { DataSource } from '../src/features/setup/worker/data-source';
import type { FastaiUserFile } from '../src/data/kinds/kind';
import { MNIST_BIN, type Case } from './cases';

/** What both sides report: the final epoch, and the data it trained on. */
export interface RunResult {
  validLoss: number | null;
  accuracy: number | null;
  epochs: number;
  nTrain: number;
  nValid: number;
  seconds: number;
  /** Sums over the validation rows (features, labels): the same rows on both sides give the same sums. */
  validXSum: number;
  validYSum: number;
}

const toArrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

/** The user's file as the page describes it to the exporter (the CSV's delimiter, header and task as parsed). */
export async function userFileOf(c: Case): Promise<FastaiUserFile | null> {
  if (c.file?.format === 'idx') return { format: 'idx', images: c.file.images, labels: c.file.labels };
  if (c.file?.format !== 'csv') return null;
  const data = new DataSource();
  const { task } = await data.loadCsv(c.file.name, new Blob([c.file.text]), c.file.label, c.file.task);
  const info = data.csvColumns()!;
  const columns = info.columns.map((col) => col.name);
  return { format: 'csv', file: info.file, label: info.label, task, delimiter: info.delimiter, header: info.header, columns };
}

export async function pageRun(c: Case): Promise<RunResult> {
  const sent: WorkerToPage[] = [];
  const send = (m: WorkerToPage) => void sent.push(m);
  const data = new DataSource(async () => toArrayBuffer(readFileSync(MNIST_BIN)));
  const session = new Session(send, [new CallbacksFeature(send)], data);
  if (c.file?.format === 'csv') await data.loadCsv(c.file.name, new Blob([c.file.text]), c.file.label, c.file.task);
  if (c.file?.format === 'idx')
    await data.loadIdx(`${c.file.images} + ${c.file.labels}`, toArrayBuffer(c.file.imageBytes), toArrayBuffer(c.file.labelBytes));
  for (const [name, params] of Object.entries(c.callbacks)) await session.handle({ type: 'callback-set', name, enabled: true, params });
  const t0 = performance.now();
  await session.train(c.setup, c.name);
  const seconds = (performance.now() - t0) / 1000;
  for (const m of sent) {
    if (m.type === 'error') throw new Error(`page run failed: ${m.message}`);
    if (m.type === 'callback-refused') throw new Error(`page refused ${m.name}: ${m.message}`);
  }
  const epochs = sent.flatMap((m) => (m.type === 'metrics' ? m.epochs : []));
  const last = epochs.at(-1);
  const split = data.get(c.setup.dataset);
  return {
    validLoss: last?.validLoss ?? null,
    accuracy: last?.metrics.accuracy ?? null,
    epochs: epochs.length,
    seconds,
    nTrain: split.train.y.length,
    nValid: split.valid.y.length,
    validXSum: sum(split.valid.x),
    validYSum: sum(split.valid.y),
  };
}
