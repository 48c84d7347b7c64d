// Deterministic replay: the same setup and seed, trained twice through the worker's
// Session on the same backend (cpu here), gives exactly the same first-epoch losses. Data split,
// shuffling and weight init are all seeded from setup.dataset.seed.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Setup } from '../../setup/messages';
import type { WorkerToPage } from '../../messages';
import { Session } from './session';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const setup: Setup = {
  dataset: { kind: 'synthetic', id: 'spiral', params: { nPerClass: 40, nClasses: 3, noise: 0.2 }, seed: 11, validPct: 0.2 },
  model: { kind: 'mlp', layers: 2, units: 16, activation: 'relu' },
  optimizer: 'adam',
  momentum: 0.9,
  lr: 0.01,
  wd: 0.01,
  batchSize: 16,
  epochs: 2,
};

/** The first epoch's raw train losses, then its valid loss, of a run in a fresh Session. */
async function firstEpochLosses(s: Setup): Promise<number[]> {
  const sent: WorkerToPage[] = [];
  await new Session((m) => sent.push(m)).train(s);
  const batches = sent.flatMap((m) => (m.type === 'metrics' ? m.batches : []));
  const epochs = sent.flatMap((m) => (m.type === 'metrics' ? m.epochs : []));
  return [...batches.filter((b) => b.epoch === 0).map((b) => b.loss), epochs[0].validLoss ?? NaN];
}

describe('deterministic replay', () => {
  it('two runs with the same seed and setup give the same first-epoch losses, bit for bit', async () => {
    const a = await firstEpochLosses(setup);
    const b = await firstEpochLosses(setup);
    expect(a.length).toBeGreaterThan(5);
    expect(b).toEqual(a);
  });

  it('in the same session too (a second Train after the first)', async () => {
    const sent: WorkerToPage[] = [];
    const session = new Session((m) => sent.push(m));
    await session.train(setup);
    const n = sent.length;
    await session.train(setup);
    const losses = (ms: WorkerToPage[]) =>
      ms
        .flatMap((m) => (m.type === 'metrics' ? m.batches : []))
        .filter((b) => b.epoch === 0)
        .map((b) => b.loss);
    expect(losses(sent.slice(n))).toEqual(losses(sent.slice(0, n)));
  });

  it('another seed gives other losses', async () => {
    const a = await firstEpochLosses(setup);
    const b = await firstEpochLosses({ ...setup, dataset: { ...setup.dataset, seed: 12 } });
    expect(b).not.toEqual(a);
  });
});
