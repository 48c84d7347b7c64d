import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Setup } from '../../setup/messages';
import type { WorkerToPage } from '../../messages';
import { Session } from './session';

/** A session's run, as the worker drives it. */
function startRun(config: Setup, send: (m: WorkerToPage) => void) {
  const session = new Session(send);
  const done = session.train(config);
  return { stop: () => void session.handle({ type: 'stop' }), done };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const config: Setup = {
  dataset: { kind: 'synthetic', id: 'spiral', params: { nPerClass: 20, nClasses: 3, noise: 0.1 }, seed: 7, validPct: 0.2 },
  model: { kind: 'mlp', layers: 1, units: 8, activation: 'relu' },
  optimizer: 'adam',
  momentum: 0.9,
  lr: 0.02,
  wd: 0,
  batchSize: 16,
  epochs: 3,
};

describe('Session.train', () => {
  it('trains, streams records, ends with status done and no leaked tensor', async () => {
    const sent: WorkerToPage[] = [];
    await startRun(config, (m) => sent.push(m)).done;
    expect(sent[0]).toEqual({ type: 'status', state: 'training' });
    expect(sent.at(-1)).toEqual({ type: 'status', state: 'done', detail: 'finished', leakedTensors: 0 });
    const epochs = sent.flatMap((m) => (m.type === 'metrics' ? m.epochs : []));
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    // 60 points, 20% valid -> 48 train rows -> 3 batches of 16 per epoch
    expect(sent.flatMap((m) => (m.type === 'metrics' ? m.batches : []))).toHaveLength(9);
    expect(sent.some((m) => m.type === 'error')).toBe(false);
  });

  it('stops at the next batch when asked', async () => {
    const sent: WorkerToPage[] = [];
    const run = startRun({ ...config, epochs: 50 }, (m) => sent.push(m));
    run.stop();
    await run.done;
    expect(sent.at(-1)).toMatchObject({ type: 'status', state: 'done', detail: 'stopped', leakedTensors: 0 });
    expect(sent.flatMap((m) => (m.type === 'metrics' ? m.epochs : [])).length).toBeLessThan(50);
  });

  it('reports an error as a message, never throws, and frees what it made', async () => {
    const sent: WorkerToPage[] = [];
    await startRun({ ...config, batchSize: 0 }, (m) => sent.push(m)).done;
    const error = sent.find((m) => m.type === 'error');
    expect(error).toMatchObject({ type: 'error', where: 'training' });
    expect(sent.at(-1)).toMatchObject({ type: 'status', state: 'idle', detail: 'failed', leakedTensors: 0 });
  });
});
