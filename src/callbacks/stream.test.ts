import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../data/dataloader';
import { makeSpiral } from '../data/spiral';
import { Callback, Learner, accuracy, crossEntropyLoss, type BatchRecord, type EpochRecord } from '../learner';
import { buildMlp } from '../models/mlp';
import type { WorkerToPage } from '../features/messages';
import { StreamCallback } from './stream';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A fake learn with a fake recorder: drives the callback's handlers by hand. */
function harness(intervalMs = 16) {
  let t = 0;
  const sent: WorkerToPage[] = [];
  let yields = 0;
  const listeners: Array<{ onBatches?(r: BatchRecord[]): void; onEpoch?(r: EpochRecord): void }> = [];
  const recorder = {
    subscribe(l: (typeof listeners)[number]) {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    },
    flush: async () => {},
  };
  const learn = { recorder, epoch: 0, nEpoch: 2, iter: 0, nIter: 10, training: true };
  const cb = new StreamCallback((m) => sent.push(m), {
    intervalMs,
    now: () => t,
    yieldToHost: async () => {
      yields++;
    },
  });
  cb.learn = learn as unknown as Learner;
  const batch = (i: number): BatchRecord => ({ epoch: 0, iter: i, trainIter: i, loss: 1, smoothLoss: 1, lr: 0.1 });
  return {
    cb,
    sent,
    learn,
    listeners,
    advance: (ms: number) => (t += ms),
    emit: (records: BatchRecord[]) => listeners.forEach((l) => l.onBatches?.(records)),
    batch,
    yields: () => yields,
  };
}

describe('StreamCallback (fake clock)', () => {
  it('has order 60 (after the Recorder) and subscribes in before_fit', () => {
    const h = harness();
    expect(h.cb.order).toBe(60);
    h.cb.before_fit();
    expect(h.listeners).toHaveLength(1);
  });

  it('coalesces records: at most one message per interval', async () => {
    const h = harness(16);
    h.cb.before_fit();
    h.sent.length = 0;
    for (let i = 0; i < 10; i++) {
      h.learn.iter = i;
      h.emit([h.batch(i)]);
      h.advance(5); // 10 batches x 5 ms = 50 ms -> 3 messages at most
      await h.cb.after_batch();
    }
    const metrics = h.sent.filter((m) => m.type === 'metrics');
    expect(metrics.length).toBeGreaterThanOrEqual(2);
    expect(metrics.length).toBeLessThanOrEqual(3);
    const flat = metrics.flatMap((m) => (m.type === 'metrics' ? m.batches : []));
    await h.cb.after_epoch();
    const all = h.sent.flatMap((m) => (m.type === 'metrics' ? m.batches : []));
    expect(flat.length).toBeLessThan(10);
    expect(all.map((b) => b.iter)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('flushes at after_epoch and after_fit, with the epoch record and progress', async () => {
    const h = harness(1000);
    h.cb.before_fit();
    h.sent.length = 0;
    h.emit([h.batch(0), h.batch(1)]);
    h.listeners[0].onEpoch?.({ epoch: 0, trainLoss: 1, validLoss: 0.9, metrics: { accuracy: 0.5 }, seconds: 1 });
    await h.cb.after_batch();
    expect(h.sent).toHaveLength(0);
    await h.cb.after_epoch();
    expect(h.sent).toHaveLength(1);
    const m = h.sent[0];
    expect(m.type).toBe('metrics');
    if (m.type !== 'metrics') return;
    expect(m.batches).toHaveLength(2);
    expect(m.epochs[0].validLoss).toBe(0.9);
    expect(m.progress).toEqual({ epoch: 0, nEpoch: 2, iter: 0, nIter: 10, training: true }); // read up to 1; the loop is at 0
    h.emit([h.batch(2)]);
    await h.cb.after_fit();
    expect(h.sent).toHaveLength(2);
    expect(h.listeners).toHaveLength(0); // unsubscribed
  });

  it('sends a progress-only message when nothing else changed, once', () => {
    const h = harness(0);
    h.cb.before_fit();
    h.sent.length = 0;
    h.learn.training = false;
    h.learn.iter = 3;
    h.cb.flush();
    h.cb.flush();
    expect(h.sent).toEqual([{ type: 'progress', progress: { epoch: 0, nEpoch: 2, iter: 3, nIter: 10, training: false } }]);
  });

  it('in training, progress says the last batch read back, not the one the loop has queued', () => {
    const h = harness(0);
    h.cb.before_fit();
    h.learn.iter = 3; // the loop runs ahead of the asynchronous reads
    h.cb.flush();
    const iters = () => h.sent.flatMap((m) => (m.type === 'progress' || m.type === 'metrics' ? [m.progress?.iter] : []));
    expect(iters().at(-1)).toBe(-1);
    h.emit([h.batch(0), h.batch(1)]);
    h.cb.flush();
    expect(iters().at(-1)).toBe(1);
    h.learn.epoch = 1; // a record of the previous epoch says nothing about this one
    h.learn.iter = 0;
    h.cb.flush();
    expect(iters().at(-1)).toBe(-1);
  });

  it('yields to the host about once per interval', async () => {
    const h = harness(16);
    h.cb.before_fit();
    for (let i = 0; i < 8; i++) {
      h.advance(4);
      await h.cb.after_batch(); // 32 ms in total
    }
    expect(h.yields()).toBe(2);
  });
});

/** Records every event a StreamCallback-driven fit goes through. */
class EventLog extends Callback {
  events: string[] = [];
  after_cancel_fit() {
    this.events.push('after_cancel_fit');
  }
  after_fit() {
    this.events.push('after_fit');
  }
}

function tinyLearner(cbs: Callback[]) {
  const data = makeSpiral({ nPerClass: 16, nClasses: 2, noise: 0.1, seed: 1 });
  const dls = {
    train: new DataLoader(data, { batchSize: 8, shuffle: true, seed: 2 }),
    valid: new DataLoader(data, { batchSize: 16 }),
  };
  const model = buildMlp({ inputs: 2, hidden: [8], activation: 'relu', outputs: 2, seed: 3 });
  return new Learner(dls, model, { lossFunc: crossEntropyLoss, metrics: [accuracy], lr: 0.01, cbs });
}

describe('StreamCallback with a real Learner (cpu)', () => {
  it('streams every batch and epoch record of a fit, and leaks nothing', async () => {
    const sent: WorkerToPage[] = [];
    const before = tf.memory().numTensors;
    const learn = tinyLearner([new StreamCallback((m) => sent.push(m))]);
    await learn.fit(2);
    const batches = sent.flatMap((m) => (m.type === 'metrics' ? m.batches : []));
    const epochs = sent.flatMap((m) => (m.type === 'metrics' ? m.epochs : []));
    expect(batches.map((b) => b.trainIter)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(typeof epochs[1].metrics.accuracy).toBe('number');
    learn.opt?.dispose();
    learn.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('requestStop cancels the fit at the next batch; after_fit still runs', async () => {
    const sent: WorkerToPage[] = [];
    const log = new EventLog();
    const stream = new StreamCallback((m) => {
      sent.push(m);
    });
    class StopAfterThree extends Callback {
      n = 0;
      after_batch() {
        if (++this.n === 3) stream.requestStop();
      }
    }
    const learn = tinyLearner([stream, log, new StopAfterThree()]);
    await learn.fit(5);
    expect(log.events).toEqual(['after_cancel_fit', 'after_fit']);
    expect(stream.stopping).toBe(true);
    const batches = sent.flatMap((m) => (m.type === 'metrics' ? m.batches : []));
    expect(batches.length).toBe(3);
    learn.opt?.dispose();
    learn.model.dispose();
  });
});
