// What a stop shows of the tensors: stats, heads, per-sample loss, parameters' values, gradients and
// updates under their PyTorch names, staleness marks, no leaks — and the time of a whole snapshot.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GradientAccumulation } from '../callbacks/gradient-accumulation';
import { Callback, Learner, SGD, crossEntropyLoss, mseLoss, type EventName, type LossFunc } from '../learner';
import { disposeLearner, makeLearner, useCpuBackend, weightValues } from '../learner/fixtures.test.util';
import { buildMlp } from '../models/mlp';
import { torchNames } from '../models/torch-names';
import { takeSnapshot } from './snapshot';
import { HIST_BINS, PREVIOUS_BATCH, readValues } from './values';
import type { DebugValue } from '../shared/debug';

beforeAll(useCpuBackend);
const owned: tf.Tensor[] = [];
const learners: Learner[] = [];
afterEach(() => {
  tf.dispose(owned.splice(0));
  learners.splice(0).forEach(disposeLearner);
});
const keep = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);

/** Just the fields readValues reads, for values made by hand. */
function fakeLearner(o: {
  xb?: tf.Tensor[];
  yb?: tf.Tensor[];
  pred?: tf.Tensor | null;
  loss?: tf.Scalar | null;
  lossFunc?: LossFunc;
  params?: tf.Variable[];
  grads?: tf.Tensor[] | null;
  training?: boolean;
}): Learner {
  return {
    xb: o.xb ?? [],
    yb: o.yb ?? [],
    pred: o.pred ?? null,
    loss: o.loss ?? null,
    lossFunc: o.lossFunc ?? crossEntropyLoss,
    params: o.params ?? [],
    grads: o.grads ?? null,
    training: o.training ?? true,
  } as unknown as Learner;
}

const byName = (vs: DebugValue[], name: string, kind?: DebugValue['kind']) =>
  vs.find((v) => v.name === name && (!kind || v.kind === kind))!;

/** A callback running `fn` at the given events (awaited by the Learner). */
class At extends Callback {
  constructor(private readonly fn: (event: EventName, learn: Learner) => Promise<void> | void) {
    super();
  }
  before_batch = () => this.fn('before_batch', this.learn!);
  after_loss = () => this.fn('after_loss', this.learn!);
  after_backward = () => this.fn('after_backward', this.learn!);
  before_step = () => this.fn('before_step', this.learn!);
  after_step = () => this.fn('after_step', this.learn!);
  after_batch = () => this.fn('after_batch', this.learn!);
}

describe('stats', () => {
  it('match a hand computation, NaN and Inf counted and left out of the rest', async () => {
    const x = keep(
      tf.tensor2d([
        [1, 0, NaN],
        [Infinity, 3, 0],
        [-2, 0, 0.5],
      ]),
    );
    const [v] = await readValues(fakeLearner({ xb: [x] }), 'before_batch');
    const finite = [1, 0, 3, 0, -2, 0, 0.5];
    const mean = finite.reduce((a, b) => a + b) / 7;
    const std = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / 6); // unbiased, as torch.std
    expect(v).toMatchObject({ name: 'xb', kind: 'input', shape: [3, 3], staleFrom: null });
    expect(v.stats.size).toBe(9);
    expect(v.stats.min).toBe(-2);
    expect(v.stats.max).toBe(3);
    expect(v.stats.mean).toBeCloseTo(mean, 6);
    expect(v.stats.std).toBeCloseTo(std, 6);
    expect(v.stats.zeros).toBeCloseTo(3 / 9, 7);
    expect(v.stats.nan).toBe(1);
    expect(v.stats.inf).toBe(1);
    // 20 bins of width 0.25 over [-2, 3]: -2 → 0, 0 → 8 (×3), 0.5 → 10, 1 → 12, 3 (the max) → 19.
    const counts = new Array(HIST_BINS).fill(0);
    Object.assign(counts, { 0: 1, 8: 3, 10: 1, 12: 1, 19: 1 });
    expect(v.stats.hist).toEqual({ lo: -2, hi: 3, counts });
    expect(v.stats.hist.counts.reduce((a, b) => a + b)).toBe(v.stats.size - v.stats.nan - v.stats.inf);
    expect(v.head.rows).toBe(3);
    expect(v.head.cols).toBe(3);
    expect(v.head.values).toEqual([1, 0, NaN, Infinity, 3, 0, -2, 0, 0.5]);
  });

  it('a constant tensor, an all-NaN one and a scalar', async () => {
    const [c, n, s] = await readValues(
      fakeLearner({ xb: [keep(tf.zeros([4])), keep(tf.fill([2], NaN)), keep(tf.scalar(7))] }),
      'before_batch',
    );
    expect(c.stats).toMatchObject({ size: 4, min: 0, max: 0, mean: 0, std: 0, zeros: 1, nan: 0, inf: 0 });
    expect(c.stats.hist.counts[0]).toBe(4);
    expect(c.head).toEqual({ rows: 4, cols: 1, values: [0, 0, 0, 0] });
    expect(n.stats).toMatchObject({ size: 2, min: NaN, max: NaN, mean: NaN, nan: 2 });
    expect(n.stats.hist.counts.every((k) => k === 0)).toBe(true);
    expect(s).toMatchObject({ name: 'xb[2]', shape: [], head: { rows: 1, cols: 1, values: [7] } });
    expect(s.stats).toMatchObject({ size: 1, min: 7, max: 7, mean: 7, std: 0 });
  });

  it('the head is the first 8 rows × 8 columns of a 2-D view (first dim × the rest flattened)', async () => {
    const x = keep(tf.range(0, 100).reshape([10, 2, 5]));
    const [v] = await readValues(fakeLearner({ xb: [x] }), 'before_batch');
    expect(v.head.rows).toBe(8);
    expect(v.head.cols).toBe(8);
    expect(v.head.values).toEqual(Array.from({ length: 64 }, (_, k) => Math.floor(k / 8) * 10 + (k % 8)));
    expect(v.stats).toMatchObject({ size: 100, min: 0, max: 99, mean: 49.5 });
    expect(v.stats.hist.counts).toEqual(new Array(HIST_BINS).fill(5));
  });

  it('a tensor above the bound gets its stats from a strided sample (stats.size tells)', async () => {
    const x = keep(tf.range(0, 1000));
    const [v] = await readValues(fakeLearner({ xb: [x] }), 'before_batch', { maxStatsElements: 100 });
    expect(v.shape).toEqual([1000]);
    expect(v.stats.size).toBe(100);
    expect(v.stats.min).toBe(0);
    expect(v.stats.max).toBe(990);
    expect(v.head.values).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('the loss of each sample', () => {
  const pred = () =>
    keep(
      tf.tensor2d([
        [1, 2],
        [0.5, -1],
      ]),
    );
  const y = () => keep(tf.tensor1d([1, 0], 'int32'));
  const lse = (a: number[]) => Math.log(a.reduce((s, v) => s + Math.exp(v), 0));

  it('cross entropy: −log softmax(pred)[y], and their mean is the loss', async () => {
    const p = pred();
    const t = y();
    const loss = keep(crossEntropyLoss(p, t));
    const vs = await readValues(fakeLearner({ pred: p, yb: [t], loss }), 'after_loss');
    const per = byName(vs, 'loss per sample');
    const want = [lse([1, 2]) - 2, lse([0.5, -1]) - 0.5];
    expect(per.shape).toEqual([2]);
    per.head.values.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    expect(byName(vs, 'loss').head.values[0]).toBeCloseTo((want[0] + want[1]) / 2, 5);
    expect(vs.map((v) => v.name)).toEqual(['yb', 'pred', 'loss', 'loss per sample']);
  });

  it('MSE: the squared error of each row; another loss: lossFunc on each row', async () => {
    const p = keep(tf.tensor2d([[1], [3]]));
    const t = keep(tf.tensor1d([0, 1]));
    const mse = await readValues(fakeLearner({ pred: p, yb: [t], loss: keep(mseLoss(p, t)), lossFunc: mseLoss }), 'after_loss');
    expect(byName(mse, 'loss per sample').head.values).toEqual([1, 4]);
    const l1: LossFunc = (a, b) => tf.tidy(() => a.sub(b.reshape(a.shape)).abs().mean() as tf.Scalar);
    const other = await readValues(fakeLearner({ pred: p, yb: [t], loss: keep(l1(p, t)), lossFunc: l1 }), 'after_loss');
    expect(byName(other, 'loss per sample').head.values).toEqual([1, 2]);
  });

  it('none before the loss exists (after_pred)', async () => {
    const vs = await readValues(fakeLearner({ pred: pred(), yb: [y()] }), 'after_pred');
    expect(vs.map((v) => v.name)).toEqual(['yb', 'pred']);
  });
});

describe('parameters', () => {
  it('value, gradient and update (value after the step − value before) under PyTorch names, the tfjs name kept', async () => {
    const learn = makeLearner({ trainBatches: 1, validBatches: 1 });
    learners.push(learn);
    const model = learn.model;
    const names = torchNames(
      [{ modules: ['Linear'], tfjs: true }],
      model.layers.map((l) => ({ name: l.name, weights: l.weights.map((w) => w.name) })),
    );
    let before: tf.Tensor[] = [];
    let beforeValues: number[][] = [];
    const seen: Partial<Record<EventName, DebugValue[]>> = {};
    learn.addCb(
      new At(async (event, l) => {
        if (event === 'before_step') {
          before = l.params.map((p) => p.clone());
          beforeValues = weightValues(model);
        }
        if (event === 'after_backward' || event === 'after_step') {
          const n = tf.memory().numTensors;
          seen[event] = await readValues(l, event, { paramsBefore: before, names });
          expect(tf.memory().numTensors).toBe(n);
        }
        if (event === 'after_step') {
          const vs = seen.after_step!;
          const after = weightValues(model);
          expect(vs.filter((v) => v.kind === 'param').map((v) => [v.name, v.tfName])).toEqual([
            ['0.weight', l.params[0].name],
            ['0.bias', l.params[1].name],
          ]);
          const upd = byName(vs, '0.weight', 'update');
          expect(upd.shape).toEqual([2, 2]);
          upd.head.values.forEach((v, i) => expect(v).toBeCloseTo(after[0][i] - beforeValues[0][i], 6));
          expect(byName(vs, '0.weight', 'param').head.values.map((v) => +v.toFixed(5))).toEqual(after[0].map((v) => +v.toFixed(5)));
          const g = byName(seen.after_backward!, '0.bias', 'grad');
          expect(g.staleFrom).toBeNull();
          // SGD lr 0.1, no momentum: the update is −lr·grad.
          expect(byName(vs, '0.bias', 'update').head.values[0]).toBeCloseTo(-0.1 * g.head.values[0], 6);
          tf.dispose(before);
        }
      }),
    );
    await learn.fit(1);
    expect(Object.keys(seen)).toEqual(['after_backward', 'after_step']);
    // At after_backward no step has run: the update is not shown (before_step would be 0; it is not kept yet).
    expect(seen.after_backward!.some((v) => v.kind === 'update')).toBe(false);
  });

  it("the spiral MLP's parameters are named as the exported nn.Sequential (Linear, ReLU, Linear, ReLU, Linear)", async () => {
    const model = buildMlp({ inputs: 2, hidden: [32, 32], activation: 'relu', outputs: 3, seed: 1 });
    const names = torchNames(
      [
        { modules: ['Linear', 'ReLU'], tfjs: true },
        { modules: ['Linear', 'ReLU'], tfjs: true },
        { modules: ['Linear'], tfjs: true },
      ],
      model.layers.map((l) => ({ name: l.name, weights: l.weights.map((w) => w.name) })),
    );
    const params = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const vs = await readValues(fakeLearner({ params }), 'before_fit', { names });
    expect(vs.map((v) => `${v.name} [${v.shape.join(', ')}]`)).toEqual([
      '0.weight [2, 32]',
      '0.bias [32]',
      '2.weight [32, 32]',
      '2.bias [32]',
      '4.weight [32, 3]',
      '4.bias [3]',
    ]);
    model.dispose();
  });
});

describe('staleness', () => {
  it('accumulated gradients read before this batch’s backward are marked as the previous batch’s', async () => {
    const learn = makeLearner({ trainBatches: 2, validBatches: 1, cbs: [new GradientAccumulation(4)] });
    learners.push(learn);
    const marks: string[] = [];
    learn.addCb(
      new At(async (event, l) => {
        if (l.iter !== 1 || !l.training) return;
        const vs = await readValues(l, event);
        const g = vs.filter((v) => v.kind === 'grad');
        marks.push(`${event}: ${g.length ? (g[0].staleFrom ?? 'this batch') : 'none'}`);
        const s = await takeSnapshot(l, event);
        if (g.length && g[0].staleFrom) expect(s.gradNorms).toBeNull();
        else if (g.length) expect(s.gradNorms).toHaveLength(2);
      }),
    );
    await learn.fit(1);
    expect(marks).toEqual([
      `before_batch: ${PREVIOUS_BATCH}`,
      `after_loss: ${PREVIOUS_BATCH}`,
      'after_backward: this batch',
      'before_step: this batch',
      'after_step: this batch',
      'after_batch: none', // stepped, then zeroed
    ]);
  });

  it('updates kept past their batch are marked; in validation gradients and updates are stale', async () => {
    const p = tf.variable(tf.tensor1d([1, 2]));
    const before = keep(tf.tensor1d([0.5, 2]));
    const g = keep(tf.tensor1d([3, 4]));
    const at = (event: EventName, training = true) =>
      readValues(fakeLearner({ params: [p], grads: [g], training }), event, { paramsBefore: [before] });
    const kinds = (vs: DebugValue[]) => vs.map((v) => `${v.kind}${v.staleFrom ? ' (stale)' : ''}`);
    expect(kinds(await at('after_step'))).toEqual(['param', 'grad', 'update']);
    expect(kinds(await at('before_step'))).toEqual(['param', 'grad']);
    expect(kinds(await at('after_train'))).toEqual(['param', 'grad (stale)', 'update (stale)']);
    expect(kinds(await at('after_batch', false))).toEqual(['param', 'grad (stale)', 'update (stale)']);
    expect((await at('after_step'))[2].head.values).toEqual([0.5, 0]);
    p.dispose();
  });
});

describe('takeSnapshot', () => {
  it('fills values and leaks nothing; its time on the spiral MLP (2 → 32 → 32 → 3, batch 128, cpu)', async () => {
    const model = buildMlp({ inputs: 2, hidden: [32, 32], activation: 'relu', outputs: 3, seed: 1 });
    const x = keep(tf.randomNormal([128, 2], 0, 1, 'float32', 1));
    const y = keep(tf.randomUniform([128], 0, 3, 'int32', 2));
    const learn = new Learner({ train: [[x, y]], valid: [[x, y]] }, model, { lossFunc: crossEntropyLoss, optFunc: SGD, lr: 0.1 });
    let before: tf.Tensor[] = [];
    const times: number[] = [];
    const valueTimes: number[] = [];
    let names: string[] = [];
    learn.addCb(
      new At(async (event, l) => {
        if (event === 'before_step') before = l.params.map((t) => t.clone());
        if (event !== 'after_step') return;
        const n = tf.memory().numTensors;
        for (let k = 0; k < 7; k++) {
          const t0 = performance.now();
          const s = await takeSnapshot(l, event, { paramsBefore: before });
          times.push(performance.now() - t0);
          names = s.values.map((v) => `${v.kind} ${v.name} [${v.shape.join('×')}]`);
          const t1 = performance.now();
          await readValues(l, event, { paramsBefore: before });
          valueTimes.push(performance.now() - t1);
        }
        expect(tf.memory().numTensors).toBe(n);
        tf.dispose(before);
      }),
    );
    await learn.fit(1);
    model.dispose();
    expect(names).toHaveLength(4 + 1 + 3 * 6);
    const sorted = [...times].sort((a, b) => a - b);
    const valuesMedian = [...valueTimes].sort((a, b) => a - b)[3];
    console.log(
      `takeSnapshot, spiral MLP, cpu backend: first ${times[0].toFixed(1)} ms, median ${sorted[3].toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms (readValues alone: median ${valuesMedian.toFixed(1)} ms); values: ${names.join(', ')}`,
    );
  });
});
