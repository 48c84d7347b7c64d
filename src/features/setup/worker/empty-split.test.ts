// A split with no validation rows is said when the setup is described, and a run of it stops
// before training with the same words (it used to train and then fail with "y has 0 values").
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import type { Setup } from '../messages';
import type { WorkerToPage } from '../../messages';
import { DataSource } from './data-source';
import { Session } from '../../run/worker/session';
import { SetupFeature } from './setup-feature';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const setup: Setup = {
  dataset: { kind: 'user', seed: 0, validPct: 0.2 },
  model: { kind: 'mlp', layers: 1, units: 4, activation: 'relu' },
  optimizer: 'sgd',
  momentum: 0.9,
  lr: 0.05,
  wd: 0,
  batchSize: 16,
  epochs: 1,
} as Setup;

const SAID = 'the validation share 0.2 of 2 rows leaves no validation rows; add rows or raise the share';

it('a 2-row CSV: loaded and described, then the empty validation half is said; a run stops before training', async () => {
  const sent: WorkerToPage[] = [];
  const send = (m: WorkerToPage) => sent.push(m);
  const s = new Session(send, [new SetupFeature(send)], new DataSource());
  const file = new Blob(['a,b,y\n1,2,3.5\n3,4,7.25\n']);
  await s.handle({ type: 'load-csv', name: 'two.csv', file, label: 'y', task: 'regression' });
  expect(sent.filter((m) => m.type === 'data-error')).toEqual([]);
  expect(sent.find((m) => m.type === 'dataset')).toMatchObject({ info: { name: 'two.csv', nTrain: 2, nValid: 0 } });

  await s.handle({ type: 'describe', setup });
  expect(sent.filter((m) => m.type === 'data-error')).toEqual([{ type: 'data-error', message: SAID, file: 'two.csv' }]);

  // Train pressed: refused with the same message, before a run (and its saved record) exists
  sent.length = 0;
  await s.handle({ type: 'start', runId: 'r0', setup });
  expect(sent).toEqual([{ type: 'run-refused', runId: 'r0', message: SAID }]);

  // a run that gets there anyway (the data changed under it) stops before training
  sent.length = 0;
  await s.train(setup, 'r1');
  const errors = sent.filter((m) => m.type === 'error');
  expect(errors).toEqual([{ type: 'error', message: SAID, where: 'training' }]);
  expect(sent.filter((m) => m.type === 'status').at(-1)).toMatchObject({ state: 'idle', detail: 'failed', leakedTensors: 0 });
});
