import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Setup } from '../../setup/messages';
import type { WorkerToPage } from '../../messages';
import { LrFinderFeature } from '../../lr-finder/worker/lr-finder-feature';
import { Session } from './session';

/** A session's run, as the worker drives it. */
function startRun(config: Setup, send: (m: WorkerToPage) => void) {
  const session = new Session(send);
  const done = session.train(config, 'r1');
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
    expect(sent.slice(0, 3)).toEqual([
      { type: 'activity', activity: 'training' },
      { type: 'run-started', runId: 'r1' },
      { type: 'status', state: 'training', runId: 'r1' },
    ]);
    expect(sent.slice(-2)).toEqual([
      { type: 'status', state: 'done', runId: 'r1', detail: 'finished', leakedTensors: 0 },
      { type: 'activity', activity: 'idle' },
    ]);
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
    expect(sent.at(-2)).toMatchObject({ type: 'status', state: 'done', detail: 'stopped', leakedTensors: 0 });
    expect(sent.flatMap((m) => (m.type === 'metrics' ? m.epochs : [])).length).toBeLessThan(50);
  });

  it('reports an error as a message, never throws, and frees what it made', async () => {
    const sent: WorkerToPage[] = [];
    await startRun({ ...config, batchSize: 0 }, (m) => sent.push(m)).done;
    const error = sent.find((m) => m.type === 'error');
    expect(error).toMatchObject({ type: 'error', where: 'training' });
    expect(sent.at(-2)).toMatchObject({ type: 'status', state: 'idle', detail: 'failed', leakedTensors: 0 });
    expect(sent.at(-1)).toEqual({ type: 'activity', activity: 'idle' });
  });
});

describe('Session: one activity at a time, as the worker tells it', () => {
  const types = (sent: WorkerToPage[]) => sent.map((m) => m.type);

  it('refuses Train while the LR finder runs (with the reason), and takes it once the finder is done', async () => {
    const sent: WorkerToPage[] = [];
    const session = new Session((m) => sent.push(m), [new LrFinderFeature((m) => sent.push(m))]);
    const finding = session.handle({ type: 'lr-find', setup: config, params: { numIt: 8 } });
    await session.handle({ type: 'start', runId: 'during', setup: config });
    expect(sent).toContainEqual({ type: 'run-refused', runId: 'during', message: 'The LR finder is running: train when it is done' });
    expect(types(sent)).not.toContain('run-started');
    await finding;
    expect(types(sent)).toContain('lr-find-done');
    expect(session.activity).toBe('idle');
    await session.handle({ type: 'start', runId: 'after', setup: { ...config, epochs: 1 } });
    expect(sent).toContainEqual({ type: 'run-started', runId: 'after' });
    expect(sent.filter((m) => m.type === 'activity').map((m) => (m as { activity: string }).activity)).toEqual([
      'lr-find',
      'idle',
      'training',
      'idle',
    ]);
  });

  it('refuses the LR finder while a run trains', async () => {
    const sent: WorkerToPage[] = [];
    const session = new Session((m) => sent.push(m), [new LrFinderFeature((m) => sent.push(m))]);
    const run = session.handle({ type: 'start', runId: 'r', setup: { ...config, epochs: 2 } });
    await session.handle({ type: 'lr-find', setup: config, params: {} });
    expect(sent).toContainEqual({ type: 'lr-find-failed', message: 'Stop the training run first: the LR finder needs its own Learner' });
    await run;
  });

  it('20 Train/Stop pairs in one task: one run, which stops; every other start refused; nothing left running', async () => {
    const sent: WorkerToPage[] = [];
    const session = new Session((m) => sent.push(m));
    const handled: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      handled.push(session.handle({ type: 'start', runId: `s${i}`, setup: { ...config, epochs: 50 } }));
      handled.push(session.handle({ type: 'stop' }));
    }
    await Promise.all(handled);
    expect(sent.filter((m) => m.type === 'run-started')).toEqual([{ type: 'run-started', runId: 's0' }]);
    expect(sent.filter((m) => m.type === 'run-refused')).toHaveLength(19);
    const ends = sent.filter((m) => m.type === 'status' && m.state !== 'training');
    expect(ends).toEqual([{ type: 'status', state: 'done', runId: 's0', detail: 'stopped', leakedTensors: 0 }]);
    // stopped at its first batch: the stop that came before the Learner existed was not lost
    expect(sent.flatMap((m) => (m.type === 'metrics' ? m.batches : []))).toHaveLength(0);
    expect(session.activity).toBe('idle');
  });

  it('routes a message no feature takes to an error, and refuses two features taking one type', async () => {
    const sent: WorkerToPage[] = [];
    await new Session((m) => sent.push(m)).handle({ type: 'lr-find', setup: config, params: {} });
    expect(sent).toEqual([{ type: 'error', message: "No worker feature handles 'lr-find'", where: 'message' }]);
    const twice = [new LrFinderFeature(() => {}), new LrFinderFeature(() => {})];
    expect(() => new Session(() => {}, twice)).toThrow("Two worker features handle 'lr-find'");
  });
});

describe('Session: a run that cannot fit in memory is refused with the estimate, before anything is allocated', () => {
  const limits = {
    maxBufferBytes: 64 * 2 ** 20,
    bufferWhy: 'WebGPU here allows buffers up to ~64 MB',
    maxTotalBytes: 2 * 2 ** 30,
    totalWhy: 'this browser allows ~2 GB',
  };

  it('a batch whose layer output needs one buffer over the limit', async () => {
    const sent: WorkerToPage[] = [];
    const session = new Session(
      (m) => sent.push(m),
      [],
      undefined,
      () => limits,
    );
    const before = tf.memory().numTensors;
    // 4096 rows x 1024 units x 4 bytes = 16 MB per hidden layer: under the limit; 8 layers of 4096 would not be
    await session.handle({
      type: 'start',
      runId: 'big',
      setup: { ...config, batchSize: 4096, model: { kind: 'mlp', layers: 2, units: 1024, activation: 'relu' } },
    });
    expect(sent.find((m) => m.type === 'run-refused')).toBeUndefined();
    sent.length = 0;
    const wide = { ...config, batchSize: 4096, model: { kind: 'mlp', layers: 1, units: 8192, activation: 'relu' } } as Setup;
    // MLP units are capped at 1024 by the form; the worker checks what it is sent all the same
    await session.handle({ type: 'start', runId: 'wide', setup: wide });
    expect(sent).toEqual([
      {
        type: 'run-refused',
        runId: 'wide',
        message:
          "This run needs one buffer of ~128 MB (layer 1 (Dense)'s output for a batch of 4,096); WebGPU here allows buffers up to ~64 MB: lower the batch size or the model size",
      },
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a total over what the backend allows, said with its parts', async () => {
    const sent: WorkerToPage[] = [];
    const session = new Session(
      (m) => sent.push(m),
      [],
      undefined,
      () => ({ ...limits, maxBufferBytes: 2 ** 31, maxTotalBytes: 100 * 2 ** 20, totalWhy: 'this device reports ~100 MB' }),
    );
    await session.handle({
      type: 'start',
      runId: 'r',
      setup: { ...config, batchSize: 4096, model: { kind: 'mlp', layers: 8, units: 1024, activation: 'relu' } },
    });
    const refused = sent.find((m) => m.type === 'run-refused');
    expect(refused).toMatchObject({ runId: 'r' });
    // by hand: 8 x 1024 + 3 outputs a sample, 8 copies, x 4,096 rows x 4 bytes = 1 GB; 7.35 M weights = 28.1 MB, Adam's two = 56.1 MB; 60 rows x 3 x 4 bytes
    expect((refused as { message: string }).message).toBe(
      "This run needs ~1.1 GB (activations of one batch ~1 GB, the optimizer's state ~56.1 MB, weights ~28.1 MB, gradients ~28.1 MB, the data ~720 bytes); this device reports ~100 MB: lower the batch size or the model size",
    );
    expect(sent.some((m) => m.type === 'run-started')).toBe(false);
  });
});

describe('Session.warmUpFor: the backend compiles a run ahead, and a run never waits long for it', () => {
  it('runs every piece and frees everything it made', async () => {
    const session = new Session(() => undefined);
    await session.data.prepare(config.dataset);
    const before = tf.memory().numTensors;
    const warming = session.warmUpFor(config, session.data.get(config.dataset));
    expect(warming).not.toBeNull();
    expect(session.warmUpFor(config, session.data.get(config.dataset))).toBeNull(); // one at a time
    await warming;
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a start during a warm-up ends it at its next piece; the run counts no tensor of it as leaked', async () => {
    const sent: WorkerToPage[] = [];
    const session = new Session((m) => sent.push(m));
    await session.data.prepare(config.dataset);
    const before = tf.memory().numTensors;
    // batch 17 on 48 rows: pieces for 17 and 14 rows, then 12 validation rows
    const warming = session.warmUpFor({ ...config, batchSize: 17 }, session.data.get(config.dataset));
    const run = session.handle({ type: 'start', runId: 'r', setup: { ...config, epochs: 1 } });
    await Promise.all([warming, run]);
    expect(sent.find((m) => m.type === 'status' && m.state === 'done')).toMatchObject({ detail: 'finished', leakedTensors: 0 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
