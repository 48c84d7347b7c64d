import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActivationStats } from '../../../callbacks/activation-stats';
import { CSVLogger, formatTime } from '../../../callbacks/csv-logger';
import { GradientClip } from '../../../callbacks/gradient-clip';
import { StreamCallback } from '../../../callbacks/stream';
import { accuracy } from '../../../learner';
import { disposeLearner, makeLearner, useCpuBackend } from '../../../learner/fixtures.test.util';
import type { CallbackOutputs } from '../messages';
import type { WorkerToPage } from '../../messages';
import { CallbackOutputsRelay } from './callback-outputs';
import { CallbacksFeature, type CallbacksHost } from './callbacks-feature';

beforeAll(useCpuBackend);

const idle: CallbacksHost = { betweenBatches: () => false };

/** Runs a fit as Session.train does: stream in the Learner, feature attached with the stream, detach, final close. */
async function fitWith(choices: Record<string, Record<string, number | boolean | string>>, epochs = 3) {
  const sent: WorkerToPage[] = [];
  const f = new CallbacksFeature((m) => sent.push(m));
  for (const [name, params] of Object.entries(choices)) f.set(name, true, params, idle);
  const before = tf.memory().numTensors;
  const stream = new StreamCallback((m) => sent.push(m), { yieldToHost: async () => undefined });
  const learn = makeLearner({ trainBatches: 3, validBatches: 1, cbs: [stream] });
  learn.metrics = [accuracy];
  f.attach(learn, { stream });
  const csv = learn.cbs.find((c): c is CSVLogger => c instanceof CSVLogger);
  const stats = learn.cbs.find((c): c is ActivationStats => c instanceof ActivationStats);
  await learn.fit(epochs);
  const values = learn.recorder!.values.map((v) => ({ ...v }));
  const records = stats ? [...stats.records] : [];
  const names = stats ? [...stats.layerNames] : [];
  const clipEpochs = learn.cbs.find((c): c is GradientClip => c instanceof GradientClip)?.epochs.map((e) => ({ ...e })) ?? [];
  f.detach(learn);
  stream.close();
  disposeLearner(learn);
  const outputs = sent.flatMap((m) => (m.type === 'metrics' && m.outputs ? [m.outputs] : []));
  return { sent, outputs, values, records, names, clipEpochs, csvText: csv?.text, leaked: tf.memory().numTensors - before };
}

describe('callback outputs on the metrics messages', () => {
  it('CSVLogger: the CSV after each epoch, with fastai columns and the Recorder values, in metrics messages only', async () => {
    const { sent, outputs, values, csvText, leaked } = await fitWith({ CSVLogger: { fname: 'run.csv' } });
    const csvs = outputs.flatMap((o) => (o.csv ? [o.csv] : []));
    expect(csvs.map((c) => c.rows)).toEqual([1, 2, 3]); // once per epoch, never repeated
    const last = csvs.at(-1)!;
    expect(last.fname).toBe('run.csv');
    expect(last.text).toBe(csvText);
    const lines = last.text.trimEnd().split('\n');
    expect(lines[0]).toBe('epoch,train_loss,valid_loss,accuracy,time');
    expect(lines).toHaveLength(4);
    lines.slice(1).forEach((line, i) => {
      const [epoch, train, valid, acc, time] = line.split(',');
      expect(Number(epoch)).toBe(i);
      expect(Number(train)).toBe(values[i].trainLoss);
      expect(Number(valid)).toBe(values[i].validLoss);
      expect(Number(acc)).toBe(values[i].metrics.accuracy);
      expect(time).toBe(formatTime(values[i].seconds));
    });
    expect(sent.every((m) => m.type !== 'metrics' || !m.outputs?.activations)).toBe(true);
    expect(leaked).toBe(0);
  });

  it('ActivationStats: every record reaches the page, in order, with the layer names, stats and histograms', async () => {
    const { outputs, records, names, leaked } = await fitWith({ ActivationStats: { readEvery: 3, bins: 8, histMax: 4 } });
    const chunks = outputs.flatMap((o) => (o.activations ? [o.activations] : []));
    expect(chunks.length).toBeGreaterThan(0);
    expect(new Set(chunks.map((c) => c.key)).size).toBe(1);
    expect(chunks[0]).toMatchObject({ layers: names, bins: 8, histMax: 4, limit: 2000 });
    const got = chunks.flatMap((c) => c.records);
    expect(got.map((r) => r.trainIter)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]); // 3 epochs × 3 training batches
    expect(records).toHaveLength(9);
    got.forEach((r, i) => {
      expect(r.mean).toEqual(records[i].layers.map((l) => l.mean));
      expect(r.std).toEqual(records[i].layers.map((l) => l.std));
      expect(r.nearZero).toEqual(records[i].layers.map((l) => l.nearZero));
      expect(r.hist).toEqual(records[i].layers.map((l) => Array.from(l.hist)));
      expect(r.hist[0]).toHaveLength(8);
    });
    expect(JSON.parse(JSON.stringify(got))).toEqual(got); // plain data
    expect(leaked).toBe(0);
  });

  it("GradientClip: each epoch's clip stats reach the page once, in order, as the callback read them", async () => {
    const { outputs, clipEpochs, leaked } = await fitWith({ GradientClip: { maxNorm: 0.05 } });
    const chunks = outputs.flatMap((o) => (o.gradClip ? [o.gradClip] : []));
    expect(new Set(chunks.map((c) => c.key)).size).toBe(1);
    expect(chunks[0].limit).toBe(0.05);
    const got = chunks.flatMap((c) => c.epochs);
    expect(got.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(got).toEqual(clipEpochs);
    expect(got.every((e) => e.batches === 3 && e.clipped <= 3 && e.maxNormAfter <= 0.05 * (1 + 1e-5))).toBe(true);
    expect(JSON.parse(JSON.stringify(got))).toEqual(got); // plain data
    expect(leaked).toBe(0);
  });

  it('without those callbacks, no outputs', async () => {
    const { outputs } = await fitWith({ TerminateOnNaNCallback: { prompt: false } }, 1);
    expect(outputs).toEqual([]);
  });
});

describe('CallbackOutputsRelay', () => {
  it('hands activation records out at most every intervalMs (all of them at the final take), the CSV only when it changed', () => {
    let t = 0;
    const relay = new CallbackOutputsRelay({ intervalMs: 250, now: () => t });
    const stats = new ActivationStats();
    stats.layerNames = ['dense_1'];
    let emit: (r: ActivationStats['records']) => void = () => undefined;
    stats.subscribe = (fn) => ((emit = fn), () => undefined);
    relay.watch(stats);
    const rec = (i: number) => ({ trainIter: i, layers: [{ mean: i, std: 1, nearZero: 0.5, hist: new Float32Array([i, 0]) }] });
    const takes: (CallbackOutputs | null)[] = [];
    emit([rec(0), rec(1)]);
    takes.push(relay.take(false)); // t 0: first chunk
    emit([rec(2)]);
    t = 100;
    takes.push(relay.take(false)); // too soon
    t = 260;
    takes.push(relay.take(false));
    emit([rec(3)]);
    t = 270;
    takes.push(relay.take(true)); // final: no wait
    takes.push(relay.take(true)); // nothing new
    expect(takes.map((o) => o?.activations?.records.map((r) => r.trainIter) ?? null)).toEqual([[0, 1], null, [2], [3], null]);
    expect(takes[0]!.activations!.records[0].hist).toEqual([[0, 0]]);
    stats.dispose();
  });
});
