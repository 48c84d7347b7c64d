import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_HEADER_BYTES } from '../../../data/mnist';
import type { Setup } from '../messages';
import type { WorkerToPage } from '../../messages';
import { DataSource } from './data-source';
import { Session } from '../../run/worker/session';
import { PicturesFeature } from '../../pictures/worker/pictures-feature';
import { SetupFeature } from './setup-feature';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A tiny MNIST-format file: n images of 8x8, labels i % 3. */
function fakeMnist(n: number): ArrayBuffer {
  const px = 64;
  const bytes = new Uint8Array(MNIST_HEADER_BYTES + n * (px + 1));
  bytes.set([77, 78, 66, 49]); // 'MNB1'
  const view = new DataView(bytes.buffer);
  view.setUint32(4, n, true);
  view.setUint32(8, 8, true);
  view.setUint32(12, 8, true);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < px; p++) bytes[MNIST_HEADER_BYTES + i * px + p] = (i % 3) * 80 + (p % 7);
    bytes[MNIST_HEADER_BYTES + n * px + i] = i % 3;
  }
  return bytes.buffer;
}

function session() {
  const sent: WorkerToPage[] = [];
  const send = (m: WorkerToPage) => sent.push(m);
  const s = new Session(send, [new SetupFeature(send), new PicturesFeature(send)], new DataSource(async () => fakeMnist(100)));
  const of = <T extends WorkerToPage['type']>(t: T) => sent.filter((m): m is Extract<WorkerToPage, { type: T }> => m.type === t);
  return { s, sent, of };
}

const spiral: Setup = {
  dataset: { kind: 'synthetic', id: 'spiral', params: { nPerClass: 20, nClasses: 3, noise: 0.1 }, seed: 1, validPct: 0.2 },
  model: { kind: 'mlp', layers: 1, units: 8, activation: 'relu' },
  optimizer: 'sgd',
  momentum: 0.9,
  lr: 0.05,
  wd: 0,
  batchSize: 16,
  epochs: 2,
};

describe('SetupFeature', () => {
  it('describes a 2-D dataset and its model, and draws the decision boundary while training', async () => {
    const { s, of } = session();
    await s.handle({ type: 'describe', setup: spiral });
    const info = of('dataset')[0].info;
    expect(info).toMatchObject({ name: 'Spiral', nTrain: 48, nValid: 12, nClasses: 3, imageShape: null });
    expect(info.points).toHaveLength(96);
    expect(of('model-summary')[0].summary).toEqual({
      layers: [
        { name: expect.any(String), kind: 'Dense', outputShape: [null, 8], params: 24 },
        { name: expect.any(String), kind: 'Dense', outputShape: [null, 3], params: 27 },
      ],
      totalParams: 51,
      names: expect.any(Object),
    });
    // PyTorch's names: nn.Sequential(nn.Flatten(), nn.Linear(n_in, 8), nn.ReLU(), nn.Linear(8, n_out))
    const { layers, names } = of('model-summary')[0].summary!;
    expect(layers.map((l) => names[l.name])).toEqual(['1 Linear + 2 ReLU', '3 Linear']);
    await s.train(spiral);
    // the run's model has tfjs names of its own
    const run = of('model-names');
    expect(run).toHaveLength(1);
    expect(Object.values(run[0].names)).toEqual(['1 Linear + 2 ReLU', '1.weight', '1.bias', '3 Linear', '3.weight', '3.bias']);
    expect(Object.keys(run[0].names)).not.toEqual(Object.keys(names));
    const grids = of('boundary');
    expect(grids.length).toBeGreaterThanOrEqual(2); // while training and after the fit
    const g = grids.at(-1)!.grid;
    expect(g.values).toHaveLength(g.size * g.size);
    expect(new Set(g.values).size).toBeGreaterThan(0);
    expect(g.confidence?.every((p) => p > 0 && p <= 1)).toBe(true);
    expect(of('status').at(-1)).toMatchObject({ detail: 'finished', leakedTensors: 0 });
  });

  it('on images: a validation batch with predictions and a confusion matrix per epoch (CNN)', async () => {
    const { s, of } = session();
    const setup: Setup = {
      ...spiral,
      dataset: { kind: 'mnist', limit: 100, seed: 0, validPct: 0.25 },
      model: { kind: 'cnn', filters: 2, dense: 4 },
    };
    await s.handle({ type: 'describe', setup });
    expect(of('dataset')[0].info).toMatchObject({ nTrain: 75, nValid: 25, imageShape: [8, 8, 1] });
    expect(of('model-summary')[0].summary?.layers.map((l) => l.kind)).toContain('Conv2D');
    await s.train(setup);
    expect(of('error')).toEqual([]);
    const confusions = of('confusion');
    expect(confusions.map((c) => c.confusion.epoch)).toEqual([0, 1]);
    expect(confusions[1].confusion.counts.reduce((a, b) => a + b, 0)).toBe(25);
    const batch = of('image-batch')[0].batch;
    expect(batch.labels).toHaveLength(16);
    expect(batch.pixels).toHaveLength(16 * 64);
    expect(of('status').at(-1)).toMatchObject({ detail: 'finished', leakedTensors: 0 });
  });

  it("a bad CSV is reported with the parser's message and the previous file stays", async () => {
    const { s, of } = session();
    const enc = (t: string) => new Blob([t]);
    await s.handle({ type: 'load-csv', name: 'good.csv', file: enc('a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n') });
    expect(of('dataset')[0].info).toMatchObject({ name: 'good.csv', source: 'user', nClasses: 2 });
    await s.handle({ type: 'load-csv', name: 'bad.csv', file: enc('a,b,label\n1,2,x\n3,4\n') });
    expect(of('data-error')[0]).toMatchObject({ file: 'bad.csv', message: expect.stringMatching(/row 3/) });
    await s.handle({ type: 'describe', setup: { ...spiral, dataset: { kind: 'user', seed: 0, validPct: 0.25 } } });
    expect(of('dataset').at(-1)?.info.name).toBe('good.csv');
  });

  it("a CSV's columns are listed; another label column or task re-parses it, a refused one keeps the current data", async () => {
    const { s, of } = session();
    const enc = (t: string) => new Blob([t]);
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 5},${(i * 0.37).toFixed(2)},7,${i % 2 ? 'b' : 'a'}`);
    await s.handle({ type: 'load-csv', name: 't.csv', file: enc(['x,y,target,k,cls', ...rows].join('\n')) });
    const first = of('csv-columns')[0].csv!;
    expect(first).toMatchObject({ file: 't.csv', label: 'cls', task: 'auto' });
    expect(first.columns).toEqual([
      { name: 'x', numeric: true, distinct: 30, suggestedTask: 'regression' },
      { name: 'y', numeric: true, distinct: 5, suggestedTask: 'classification' },
      { name: 'target', numeric: true, distinct: 30, suggestedTask: 'regression' },
      { name: 'k', numeric: true, distinct: 1, suggestedTask: 'classification' },
      { name: 'cls', numeric: false, distinct: 2, suggestedTask: 'classification' },
    ]);
    expect(of('dataset')[0].info).toMatchObject({ task: 'classification', nClasses: 2, nFeatures: 4 });

    // 'cls' (text) as a feature: refused with the row and column, nothing changes
    await s.handle({ type: 'csv-label', label: 'target', task: 'auto' });
    expect(of('data-error')[0]).toEqual({ type: 'data-error', file: 't.csv', message: "row 2, column 'cls': 'a' is not a number" });
    expect(of('csv-columns')).toHaveLength(1);
    expect(of('dataset')).toHaveLength(1);

    await s.handle({
      type: 'load-csv',
      name: 'n.csv',
      file: enc(['x,y,target,k', ...rows.map((r) => r.replace(/,[ab]$/, ''))].join('\n')),
      label: 'target',
    });
    expect(of('csv-columns').at(-1)?.csv).toMatchObject({ file: 'n.csv', label: 'target', task: 'auto' });
    expect(of('dataset').at(-1)?.info).toMatchObject({ name: 'n.csv', task: 'regression', nClasses: null, nFeatures: 3 });
    await s.handle({ type: 'csv-label', label: 'y', task: 'classification' });
    expect(of('csv-columns').at(-1)?.csv).toMatchObject({ label: 'y', task: 'classification' });
    expect(of('dataset').at(-1)?.info).toMatchObject({ name: 'n.csv', task: 'classification', nClasses: 5 });
    await s.handle({ type: 'csv-label', label: 'y', task: 'regression' });
    expect(of('dataset').at(-1)?.info).toMatchObject({ task: 'regression' });

    // a label column with one class: the parser's message, and the previous label stays
    const nDatasets = of('dataset').length;
    await s.handle({ type: 'csv-label', label: 'k', task: 'auto' });
    expect(of('data-error').at(-1)).toMatchObject({
      file: 'n.csv',
      message: "the label column 'k' has only one class ('7'); classification needs at least two",
    });
    expect(of('dataset')).toHaveLength(nDatasets);
    expect(of('csv-columns').at(-1)?.csv).toMatchObject({ label: 'y', task: 'regression' });
    await s.handle({ type: 'describe', setup: { ...spiral, dataset: { kind: 'user', seed: 0, validPct: 0.25 } } });
    expect(of('dataset').at(-1)?.info).toMatchObject({ name: 'n.csv', task: 'regression', nFeatures: 3 });
  });

  it('a big CSV streams in with progress (bytes, rows) and stops at Cancel, keeping the data loaded before', async () => {
    const sent: WorkerToPage[] = [];
    let s: Session | null = null;
    const send = (m: WorkerToPage) => {
      sent.push(m);
      // Cancel pressed at the first progress report
      if (m.type === 'loading' && m.progress && m.progress.bytes < m.progress.total) void s!.handle({ type: 'cancel-load' });
    };
    s = new Session(send, [new SetupFeature(send)], new DataSource());
    const rows = Array.from({ length: 150_000 }, (_, i) => `${i % 97},${(i * 0.37).toFixed(2)},${i % 2 ? 'b' : 'a'}`);
    const big = new Blob([['x,y,cls', ...rows].join('\n')]);
    await s.handle({ type: 'load-csv', name: 'small.csv', file: new Blob(['x,y,cls\n1,2,a\n3,4,b\n5,6,a\n7,8,b\n']) });
    sent.length = 0;
    await s.handle({ type: 'load-csv', name: 'big.csv', file: big });
    const progress = sent.flatMap((m) => (m.type === 'loading' && m.progress ? [m.progress] : []));
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ total: big.size });
    expect(progress[0].bytes).toBeGreaterThanOrEqual(1 << 20);
    expect(progress[0].rows).toBeGreaterThan(50_000);
    expect(sent.filter((m) => m.type === 'load-cancelled')).toEqual([{ type: 'load-cancelled', file: 'big.csv' }]);
    expect(sent.filter((m) => m.type === 'dataset' || m.type === 'data-error' || m.type === 'csv-columns')).toEqual([]);
    expect(sent.at(-1)).toEqual({ type: 'loading', what: null });
    await s.handle({ type: 'describe', setup: { ...spiral, dataset: { kind: 'user', seed: 0, validPct: 0.25 } } });
    expect(sent.find((m) => m.type === 'dataset')).toMatchObject({ info: { name: 'small.csv', nTrain: 3 } });
  });

  it('without a Cancel the same file loads whole, its progress reaching every byte', async () => {
    const { s, of, sent } = session();
    const rows = Array.from({ length: 150_000 }, (_, i) => `${i % 97},${(i * 0.37).toFixed(2)},${i % 2 ? 'b' : 'a'}`);
    const big = new Blob([['x,y,cls', ...rows].join('\n')]);
    await s.handle({ type: 'load-csv', name: 'big.csv', file: big });
    expect(of('dataset')[0].info).toMatchObject({ name: 'big.csv', nTrain: 120_000, nValid: 30_000, nClasses: 2 });
    const progress = sent.flatMap((m) => (m.type === 'loading' && m.progress ? [m.progress] : []));
    expect(progress.at(-1)).toEqual({ bytes: big.size, total: big.size, rows: 150_000 });
  });

  it('refuses a CNN on a table with a reason', async () => {
    const { s, of } = session();
    await s.handle({ type: 'describe', setup: { ...spiral, model: { kind: 'cnn', filters: 2, dense: 4 } } });
    expect(of('model-summary')[0]).toMatchObject({ summary: null, problem: expect.stringMatching(/image data/) });
  });
});

describe('what a tracker may monitor', () => {
  it("is what the page offers: monitorsFor(task) names the built Learner's losses and metrics", async () => {
    const { buildLearnerFor } = await import('./build');
    const { monitorNames } = await import('../../../callbacks/tracker');
    const { monitorsFor } = await import('../../../shared/params');
    const data = new DataSource();
    for (const [id, task] of [
      ['spiral', 'classification'],
      ['hills', 'regression'],
    ] as const) {
      const setup: Setup = {
        dataset: {
          kind: 'synthetic',
          id,
          params: id === 'spiral' ? { nPerClass: 20, nClasses: 3, noise: 0.1 } : { n: 60, noise: 0.05 },
          seed: 0,
          validPct: 0.2,
        },
        model: { kind: 'mlp', layers: 1, units: 4, activation: 'relu' },
        optimizer: 'adam',
        momentum: 0.9,
        lr: 0.01,
        wd: 0,
        batchSize: 16,
        epochs: 1,
      } as Setup;
      await data.prepare(setup.dataset);
      const built = buildLearnerFor(setup, data.get(setup.dataset), []);
      expect(monitorNames(built.learn)).toEqual(monitorsFor(task));
      built.dispose();
    }
  });
});
