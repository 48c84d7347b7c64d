// Every gallery example compiles, loads and runs a fit through the user-callback path, leaves no
// tensor behind, and does what its title says (each check below fails if the example did nothing).
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserCallback } from '../../callbacks/user-callback';
import { UserLog } from '../../callbacks/user-log';
import { userScope } from '../../callbacks/user-scope';
import { Callback, Learner, SGD, accuracy, crossEntropyLoss, type FitOptions } from '../../learner';
import { disposeLearner, makeDls, makeLearner, useCpuBackend, weightValues } from '../../learner/fixtures.test.util';
import type { UserLogChunk } from '../../shared/callback-outputs';
import type { WorkerToPage } from '../messages';
import { compileUserCallback, userCallbackCode } from './compile';
import { GALLERY } from './gallery';
import { loadDataUrlModule } from './worker/data-url-loader.test.util';
import { UserCallbacksFeature } from './worker/user-callbacks-feature';

beforeAll(useCpuBackend);

let logSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  logSpy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

type UserClass = new () => UserCallback;

function example(id: string) {
  const ex = GALLERY.find((e) => e.id === id);
  if (!ex) throw new Error(`no gallery example ${id}`);
  return ex;
}

/** The example's class, compiled and loaded as the worker loads it. */
async function load(id: string): Promise<UserClass> {
  const r = compileUserCallback(example(id).source);
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
  const { module } = await loadDataUrlModule(r.js);
  return (module as { default: (api: unknown) => UserClass }).default(userScope());
}

/** The learner most examples run on: 3 training and 2 validation batches, accuracy as its metric. */
function smallLearner(): Learner {
  const learn = makeLearner({ trainBatches: 3, validBatches: 2 });
  learn.metrics = [accuracy];
  return learn;
}

interface Fitted {
  learn: Learner;
  series: UserLogChunk['series'];
  /** Disposes the learner and checks that nothing leaked: numTensors as before, nothing kept by `cb`. */
  close(): void;
}

/** Fits a fresh learner with `cb` (its log going to a UserLog) and `probes`. */
async function fit(
  cb: UserCallback,
  o: { make?: () => Learner; epochs?: number; probes?: Callback[]; fit?: FitOptions } = {},
): Promise<Fitted> {
  const before = tf.memory().numTensors;
  const learn = (o.make ?? smallLearner)();
  const log = new UserLog();
  cb.sink = log;
  const cbs = [log, cb, ...(o.probes ?? [])];
  learn.addCbs(cbs);
  await learn.fit(o.epochs ?? 1, o.fit);
  const series = log.take()?.series ?? {};
  return {
    learn,
    series,
    close() {
      learn.removeCbs(cbs);
      learn.opt?.dispose();
      disposeLearner(learn);
      expect(cb.keptTensors).toBe(0);
      expect(tf.memory().numTensors).toBe(before);
    },
  };
}

function closeTo(actual: number[], expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i], digits));
}

describe('the gallery', () => {
  it('has unique ids, a title and a one-line lesson each, and short sources', () => {
    expect(GALLERY.length).toBeGreaterThanOrEqual(8);
    expect(new Set(GALLERY.map((e) => e.id)).size).toBe(GALLERY.length);
    for (const e of GALLERY) {
      expect(e.title, e.id).not.toBe('');
      expect(e.teaches, e.id).not.toMatch(/\n/);
      const lines = e.source.trim().split('\n').length;
      expect(lines, e.id).toBeGreaterThanOrEqual(10);
      expect(lines, e.id).toBeLessThanOrEqual(30);
    }
  });

  for (const ex of GALLERY) {
    it(`${ex.id}: compiles, loads through UserCallbacksFeature and runs a fit without error or leak`, async () => {
      const r = compileUserCallback(ex.source);
      expect(r.ok, r.ok ? '' : `${r.error.line}:${r.error.column} ${r.error.message}`).toBe(true);
      const sent: WorkerToPage[] = [];
      const f = new UserCallbacksFeature((m) => sent.push(m), loadDataUrlModule);
      const code = userCallbackCode(ex.id, ex.source);
      if ('error' in code) throw new Error(code.error.message);
      await f.add(code.code, true, { betweenBatches: () => false });
      expect(f.infos).toHaveLength(1);
      expect(f.infos[0].events.length).toBeGreaterThan(0);

      const before = tf.memory().numTensors;
      const learn = smallLearner();
      f.attach(learn, { stream: null });
      try {
        await learn.fit(2);
      } finally {
        f.detach(learn);
        learn.opt?.dispose();
        disposeLearner(learn);
      }
      expect(sent.filter((m) => m.type === 'user-cb-error')).toEqual([]);
      expect(sent.filter((m) => m.type === 'user-cb-leaks')).toEqual([]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('print-loss: prints (and logs) the loss every `every` training batches', async () => {
    const cb = new (await load('print-loss'))() as UserCallback & { every: number };
    cb.every = 2;
    const r = await fit(cb, { epochs: 2 }); // 6 training batches: prints after the 2nd, 4th and 6th
    expect(logSpy).toHaveBeenCalledTimes(3);
    expect(String(logSpy.mock.calls[0][0])).toMatch(/^epoch 0 batch 1: loss \d+\.\d{4}$/);
    expect(r.series.loss.x).toEqual([2, 4, 6]);
    const raw = r.learn.recorder!.rawLosses;
    closeTo(r.series.loss.y, [raw[1], raw[3], raw[5]], 5);
    r.close();
  });

  it('grad-norm: one series per layer, one finite positive norm per training batch, the layer norm of its gradients', async () => {
    const twoLayers = () => {
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ units: 3, inputShape: [2], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
          tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        ],
      });
      return new Learner(makeDls(3, 1), model, { lossFunc: crossEntropyLoss, optFunc: SGD, lr: 0.1 });
    };
    /** The norms by hand: sqrt of the sum of squares of every gradient of the layer. */
    class Expected extends Callback {
      order = 10;
      norms: Record<string, number[]> = {};
      after_backward(): void {
        const learn = this.learn!;
        const sums: Record<string, number> = {};
        learn.grads!.forEach((g, i) => {
          const layer = learn.params[i].name.split('/')[0];
          sums[layer] = (sums[layer] ?? 0) + Array.from(g.dataSync()).reduce((s, v) => s + v * v, 0);
        });
        for (const [layer, s] of Object.entries(sums)) (this.norms[layer] ??= []).push(Math.sqrt(s));
      }
    }
    const expected = new Expected();
    const r = await fit(new (await load('grad-norm'))(), { make: twoLayers, epochs: 2, probes: [expected] });
    const layers = r.learn.model.layers.map((l) => l.name);
    expect(Object.keys(r.series).sort()).toEqual([...layers].sort());
    for (const layer of layers) {
      const y = r.series[layer].y;
      expect(y).toHaveLength(6); // 2 epochs × 3 training batches
      for (const v of y) expect(Number.isFinite(v) && v > 0).toBe(true);
      closeTo(y, expected.norms[layer], 5);
    }
    r.close();
  });

  it("warm-up: the lr rises linearly over the first n training batches to the fit's lr", async () => {
    const Warm = (await load('warm-up')) as new () => UserCallback & { n: number };
    const cb = new Warm();
    cb.n = 4;
    const r = await fit(cb, { epochs: 2 }); // the learner's lr, 0.1
    closeTo(r.learn.recorder!.lrs, [0.025, 0.05, 0.075, 0.1, 0.1, 0.1]);
    r.close();

    const other = new Warm();
    other.n = 2;
    const r2 = await fit(other, { fit: { lr: 0.02 } }); // the lr given to fit
    closeTo(r2.learn.recorder!.lrs, [0.01, 0.02, 0.02]);
    r2.close();
  });

  it('stop-at-accuracy: stops after the first epoch with a threshold of 0, runs every epoch with one above 1', async () => {
    const Stop = (await load('stop-at-accuracy')) as new () => UserCallback & { threshold: number };
    const stop = new Stop();
    stop.threshold = 0;
    class Fits extends Callback {
      cancelled = 0;
      after_cancel_fit(): void {
        this.cancelled++;
      }
    }
    const fits = new Fits();
    const r = await fit(stop, { epochs: 3, probes: [fits] });
    expect(r.learn.recorder!.values).toHaveLength(1);
    expect(fits.cancelled).toBe(1);
    r.close();

    const never = new Stop();
    never.threshold = 1.01;
    const r2 = await fit(never, { epochs: 3 });
    expect(r2.learn.recorder!.values).toHaveLength(3);
    r2.close();
  });

  it('skip-non-finite: a batch whose loss is NaN is cancelled before its step, so the weights stay finite', async () => {
    /** NaN loss (and NaN gradients) on the second training batch of every epoch. */
    const poisoned = () => {
      const learn = makeLearner({ trainBatches: 3, validBatches: 1 });
      learn.lossFunc = (pred, y) =>
        tf.tidy(() => {
          const loss = crossEntropyLoss(pred, y);
          return learn.training && learn.iter === 1 ? (loss.mul(NaN) as tf.Scalar) : loss;
        });
      return learn;
    };
    class Cancels extends Callback {
      at: number[] = [];
      after_cancel_batch(): void {
        this.at.push(this.learn!.iter);
      }
    }
    const all = (ws: number[][]) => ws.flat().every(Number.isFinite);

    // Without it the NaN reaches the weights (so the check below means something).
    const plain = poisoned();
    await plain.fit(1);
    expect(all(weightValues(plain.model))).toBe(false);
    plain.opt?.dispose();
    disposeLearner(plain);

    const cb = new (await load('skip-non-finite'))() as UserCallback & { skipped: number };
    const cancels = new Cancels();
    const r = await fit(cb, { make: poisoned, epochs: 2, probes: [cancels] });
    expect(cancels.at).toEqual([1, 1]);
    expect(cb.skipped).toBe(2);
    expect(all(weightValues(r.learn.model))).toBe(true);
    expect(r.learn.recorder!.values.every((v) => Number.isFinite(v.validLoss))).toBe(true);
    r.close();
  });

  it('label-smoothing: the loss is the smoothed cross entropy of the predictions, and lossFunc is restored', async () => {
    const eps = 0.1;
    /** Every training batch's logits, labels and loss, read at after_loss. */
    class Seen extends Callback {
      order = 10;
      batches: { logits: number[][]; labels: number[]; loss: number; swapped: boolean }[] = [];
      after_loss(): void {
        const l = this.learn!;
        if (!l.training) return;
        this.batches.push({
          logits: l.pred!.arraySync() as number[][],
          labels: Array.from(l.yb[0].dataSync()),
          loss: l.loss!.dataSync()[0],
          swapped: l.lossFunc !== crossEntropyLoss,
        });
      }
    }
    const seen = new Seen();
    const r = await fit(new (await load('label-smoothing'))(), { epochs: 2, probes: [seen] });
    expect(r.learn.lossFunc).toBe(crossEntropyLoss);
    expect(seen.batches).toHaveLength(6);
    for (const b of seen.batches) {
      expect(b.swapped).toBe(true);
      // By hand: log-softmax, then (1 - eps) × nll + eps × mean over classes of -log p, averaged.
      let smoothed = 0;
      let plain = 0;
      b.logits.forEach((z, row) => {
        const m = Math.max(...z);
        const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
        const logp = z.map((v) => v - lse);
        const nll = -logp[b.labels[row]];
        const spread = -logp.reduce((s, v) => s + v, 0) / logp.length;
        smoothed += ((1 - eps) * nll + eps * spread) / b.logits.length;
        plain += nll / b.logits.length;
      });
      expect(b.loss).toBeCloseTo(smoothed, 5);
      expect(Math.abs(b.loss - plain)).toBeGreaterThan(1e-3);
    }
    r.close();
  });

  it("input-noise: the model sees noisy inputs in training, clean ones in validation; the batch's own stays intact", async () => {
    const trainX = (learn: Learner) => [...learn.dls.train].map((b) => b[0]);
    let snapshot: number[][] = [];
    const make = () => {
      const learn = smallLearner();
      snapshot = trainX(learn).map((x) => Array.from(x.dataSync()));
      return learn;
    };
    interface Pair {
      training: boolean;
      own: tf.Tensor;
      seen?: tf.Tensor;
      diff?: number;
      ownDisposed?: boolean;
    }
    const pairs: Pair[] = [];
    class Own extends Callback {
      order = -5; // before InputNoise (0)
      before_batch(): void {
        pairs.push({ training: this.learn!.training, own: this.learn!.xb[0] });
      }
    }
    class Seen extends Callback {
      after_pred(): void {
        const p = pairs[pairs.length - 1];
        const seen = this.learn!.xb[0];
        const a = p.own.dataSync();
        const b = seen.dataSync();
        Object.assign(p, { seen, ownDisposed: p.own.isDisposed, diff: Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]))) });
      }
    }
    const r = await fit(new (await load('input-noise'))(), { make, epochs: 2, probes: [new Own(), new Seen()] });
    expect(pairs).toHaveLength(2 * (3 + 2));
    for (const p of pairs) {
      expect(p.ownDisposed).toBe(false);
      if (p.training) {
        expect(p.seen).not.toBe(p.own);
        expect(p.diff).toBeGreaterThan(0);
        expect(p.diff).toBeLessThan(1); // std 0.1
        expect(p.seen!.isDisposed).toBe(true); // the Learner disposed the noisy copy after its batch
      } else {
        expect(p.seen).toBe(p.own);
      }
    }
    const after = trainX(r.learn);
    expect(after.every((x) => !x.isDisposed)).toBe(true);
    expect(after.map((x) => Array.from(x.dataSync()))).toEqual(snapshot);
    r.close();
  });

  it('valid-train-ratio: one value per epoch, the valid / train loss of its record', async () => {
    const r = await fit(new (await load('valid-train-ratio'))(), { epochs: 3 });
    const values = r.learn.recorder!.values;
    expect(r.series['valid/train'].x).toEqual([3, 6, 9]);
    closeTo(
      r.series['valid/train'].y,
      values.map((v) => v.validLoss! / v.trainLoss!),
    );
    r.close();
  });
});
