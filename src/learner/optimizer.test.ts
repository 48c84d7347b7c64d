// fastai's SGD and Adam step rules, checked against numbers worked out by hand (see the comments).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, SGD } from './index';
import { ADAM_STEP_KERNEL, setFlatUpdatePreference, type AdamStepAttrs } from './fused-kernels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const G1 = [0.5, 0.25];
const G2 = [-1, 2];

function run(make: typeof SGD, hypers: Parameters<typeof SGD>[1], lrs: number[]): number[][] {
  const p = tf.variable(tf.tensor1d([1, -2]));
  const opt = make([p], hypers);
  const out: number[][] = [];
  [G1, G2].forEach((g, i) => {
    opt.setHypers({ lr: lrs[i] });
    const grad = tf.tensor1d(g);
    opt.step([grad]);
    grad.dispose();
    out.push(Array.from(p.dataSync()));
  });
  opt.dispose();
  p.dispose();
  return out;
}

const expectClose = (actual: number[][], expected: number[][]) =>
  expected.forEach((row, i) => row.forEach((v, j) => expect(actual[i][j]).toBeCloseTo(v, 6)));

describe('SGD', () => {
  it('plain SGD is p − lr·g', () => {
    expectClose(run(SGD, {}, [0.1, 0.1]), [
      [0.95, -2.025],
      [1.05, -2.225],
    ]);
  });

  it('created without momentum, it ignores a momentum set later (fastai picks its steppers at creation)', () => {
    const p = tf.variable(tf.tensor1d([1, -2]));
    const opt = SGD([p], { lr: 0.1 });
    opt.setHypers({ mom: 0.9 });
    [G1, G2].forEach((g) => tf.tidy(() => opt.step([tf.tensor1d(g)])));
    expectClose([Array.from(p.dataSync())], [[1.05, -2.225]]);
    opt.dispose();
    p.dispose();
  });

  it('momentum (no dampening) and decoupled weight decay, as fastai', () => {
    // step 1: p·(1−0.1·0.1) = [0.99, −1.98]; avg = g1; p −= 0.1·avg → [0.94, −2.005]
    // step 2: p·0.99 = [0.9306, −1.98495]; avg = 0.9·g1 + g2 = [−0.55, 2.225]; p −= 0.1·avg
    expectClose(run(SGD, { mom: 0.9, wd: 0.1 }, [0.1, 0.1]), [
      [0.94, -2.005],
      [0.9856, -2.20745],
    ]);
  });
});

describe('Adam', () => {
  it('debiased moments, eps outside the sqrt, decoupled wd, lr changed between steps', () => {
    // fastai defaults mom 0.9, sqr_mom 0.99, eps 1e-5, wd 0.01; lr 0.1 then 0.05.
    // Worked out in Python with fastai's formulas (average_grad dampened, average_sqr_grad, adam_step).
    expectClose(run(Adam, {}, [0.1, 0.05]), [
      [0.8990019999600007, -2.0979960001599935],
      [0.9168326537468626, -2.137930275247786],
    ]);
  });

  for (const flat of [false, true]) {
    it(`a null gradient leaves its parameter untouched; dispose frees the state (flat: ${flat})`, () => {
      const a = tf.variable(tf.tensor1d([1]));
      const b = tf.variable(tf.tensor1d([2]));
      const before = tf.memory().numTensors;
      const opt = Adam([a, b], { lr: 0.1 }, { flat });
      const g = tf.tensor1d([1]);
      opt.step([g, null]);
      expect(Array.from(b.dataSync())).toEqual([2]);
      expect(a.dataSync()[0]).not.toBe(1);
      g.dispose();
      // Per parameter: two moment buffers for `a` only; flat: one buffer holding both moments of both.
      expect(tf.memory().numTensors).toBe(before + (flat ? 1 : 2));
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([a, b]);
    });
  }
});

describe('the flat update (all parameters end to end)', () => {
  it("is the default only where the backend's tuning prefers it, asked at creation", () => {
    const p = tf.variable(tf.tensor1d([1]));
    const flatOf = (o: unknown) => (o as { flat: boolean }).flat;
    expect(tf.getBackend()).toBe('cpu');
    expect(flatOf(Adam([p]))).toBe(false);
    let prefers = true;
    setFlatUpdatePreference('cpu', () => prefers);
    try {
      expect(flatOf(Adam([p]))).toBe(true);
      prefers = false;
      expect(flatOf(SGD([p]))).toBe(false);
      expect(flatOf(Adam([p], {}, { flat: true }))).toBe(true);
    } finally {
      setFlatUpdatePreference('cpu', () => false);
    }
    p.dispose();
  });

  // The same numbers as above, with the two elements held as two parameters of different shapes:
  // the rules are element-wise, so the hand-worked values must come out of the flat path too.
  function runSplit(make: typeof SGD, hypers: Parameters<typeof SGD>[1], lrs: number[], flat: boolean): number[][] {
    const a = tf.variable(tf.tensor1d([1]));
    const b = tf.variable(tf.tensor2d([[-2]]));
    const opt = make([a, b], hypers, { flat });
    const out: number[][] = [];
    [G1, G2].forEach((g, i) => {
      opt.setHypers({ lr: lrs[i] });
      tf.tidy(() => opt.step([tf.tensor1d([g[0]]), tf.tensor2d([[g[1]]])]));
      out.push([a.dataSync()[0], b.dataSync()[0]]);
    });
    opt.dispose();
    tf.dispose([a, b]);
    return out;
  }

  for (const flat of [true, false]) {
    it(`SGD with momentum and wd, and Adam, match the hand-worked steps (flat: ${flat})`, () => {
      expectClose(runSplit(SGD, { mom: 0.9, wd: 0.1 }, [0.1, 0.1], flat), [
        [0.94, -2.005],
        [0.9856, -2.20745],
      ]);
      expectClose(runSplit(Adam, {}, [0.1, 0.05], flat), [
        [0.8990019999600007, -2.0979960001599935],
        [0.9168326537468626, -2.137930275247786],
      ]);
    });
  }

  it('a parameter that missed a step keeps its own Adam step count (debiasing) and its state', () => {
    const a = tf.variable(tf.tensor1d([1]));
    const b = tf.variable(tf.tensor1d([-2]));
    const opt = Adam([a, b], { lr: 0.1 }, { flat: true });
    tf.tidy(() => opt.step([tf.tensor1d([0.5]), null]));
    expect(b.dataSync()[0]).toBe(-2);
    tf.tidy(() => opt.step([tf.tensor1d([0.25]), tf.tensor1d([0.25])]));
    // b's first step, from zero moments: the hand-worked first step of the element −2 with g = 0.25.
    expect(b.dataSync()[0]).toBeCloseTo(-2.0979960001599935, 6);
    opt.dispose();
    tf.dispose([a, b]);
  });

  it('runs a fixed number of kernels per step, whatever the number of parameters', async () => {
    const kernelsPerStep = async (nParams: number, flat: boolean) => {
      const params = Array.from({ length: nParams }, (_, i) => tf.variable(tf.ones([i + 1, 3])));
      const grads = params.map((p) => tf.onesLike(p));
      const opt = Adam(params, {}, { flat });
      opt.step(grads); // creates the state
      const profile = await tf.profile(() => opt.step(grads));
      opt.dispose();
      tf.dispose([...params, ...grads]);
      return profile.kernels.filter((k) => k.name !== 'Reshape').length;
    };
    const [flat2, flat8, each2, each8] = [
      await kernelsPerStep(2, true),
      await kernelsPerStep(8, true),
      await kernelsPerStep(2, false),
      await kernelsPerStep(8, false),
    ];
    expect(flat8).toBe(flat2);
    expect(each8 - each2).toBeGreaterThanOrEqual(6 * 10); // ~12 kernels per parameter, stepped one by one
    expect(flat8).toBeLessThan(each8 / 3);
  });
});

describe("do_wd: parameters exempt from weight decay (fastai's weight_decay skips them)", () => {
  for (const flat of [false, true]) {
    it(`SGD skips the decay on them, reading the flags at every step (flat: ${flat})`, () => {
      // a = 1, b = −2 as two parameters; SGD mom 0.9, wd 0.1, lr 0.1; gradients G1, G2, then G1 again.
      // b has do_wd False for steps 1–2: weight_decay leaves it, average_grad + momentum_step move it:
      //   step 1: avg = 0.25,  b = −2 − 0.1·0.25 = −2.025
      //   step 2: avg = 0.9·0.25 + 2 = 2.225, b = −2.025 − 0.2225 = −2.2475
      // a decays (the hand-worked steps above): 0.94, then 0.9856 with avg −0.55.
      // Step 3 swaps the flags (flat: the exempt parameter is no longer last in the layout):
      //   a: avg = 0.9·(−0.55) + 0.5 = 0.005, no decay: 0.9856 − 0.0005 = 0.9851
      //   b: avg = 0.9·2.225 + 0.25 = 2.2525, decayed: −2.2475·0.99 − 0.22525 = −2.450275
      const a = tf.variable(tf.tensor1d([1]));
      const b = tf.variable(tf.tensor2d([[-2]]));
      const before = tf.memory().numTensors;
      const opt = SGD([a, b], { lr: 0.1, mom: 0.9, wd: 0.1 }, { flat });
      opt.paramState[1].doWd = false;
      const out: number[][] = [];
      [G1, G2, G1].forEach((g, i) => {
        if (i === 2) [opt.paramState[0].doWd, opt.paramState[1].doWd] = [false, true];
        tf.tidy(() => opt.step([tf.tensor1d([g[0]]), tf.tensor2d([[g[1]]])]));
        out.push([a.dataSync()[0], b.dataSync()[0]]);
      });
      expectClose(out, [
        [0.94, -2.025],
        [0.9856, -2.2475],
        [0.9851, -2.450275],
      ]);
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before); // state and the flat decay mask freed
      tf.dispose([a, b]);
    });
  }

  it('a fused kernel gets the exempt parameters laid last and decays only the prefix before them', () => {
    // A stand-in for the webgpu kernel on the cpu backend (same contract, fused-kernels.ts), to see
    // what the optimizer passes it. Adam's first step from zero moments is p·decay − lr·g/(|g| + eps):
    //   a = 1, g = 0.5, decayed:  1·(1 − 0.1·0.01) − 0.1·0.5/(0.5 + 1e-5) = 0.8990019999600007
    //   b = −2, g = 0.25, exempt: −2 − 0.1·0.25/(0.25 + 1e-5)             = −2.09999600016
    const calls: { decayEnd: number; p: number[] }[] = [];
    tf.registerKernel({
      kernelName: ADAM_STEP_KERNEL,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const cpu = backend as unknown as {
          readSync(id: unknown): Float32Array;
          makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
        };
        const [p, g, s] = (['p', 'g', 's'] as const).map((k) => cpu.readSync(inputs[k]!.dataId));
        const a = attrs as unknown as AdamStepAttrs;
        const n = p.length;
        const out = new Float32Array(3 * n);
        for (let i = 0; i < n; i++) {
          const m = s[i] * a.mom + g[i] * (1 - a.mom);
          const v = s[i + n] * a.sqrMom + g[i] * g[i] * (1 - a.sqrMom);
          out[i] = p[i] * (i < a.decayEnd ? a.decay : 1) - (m / (Math.sqrt(v * a.invDebias2) + a.eps)) * a.stepSize;
          out[i + n] = m;
          out[i + 2 * n] = v;
        }
        calls.push({ decayEnd: a.decayEnd, p: Array.from(p) });
        return cpu.makeTensorInfo([3 * n], 'float32', out);
      },
    });
    try {
      const b = tf.variable(tf.tensor2d([[-2]]));
      const a = tf.variable(tf.tensor1d([1]));
      const opt = Adam([b, a], { lr: 0.1 }, { flat: true });
      opt.paramState[0].doWd = false; // b, the first parameter, exempt: laid after a
      tf.tidy(() => opt.step([tf.tensor2d([[0.25]]), tf.tensor1d([0.5])]));
      expect(calls).toEqual([{ decayEnd: 1, p: [1, -2] }]);
      expect(a.dataSync()[0]).toBeCloseTo(0.8990019999600007, 6);
      expect(b.dataSync()[0]).toBeCloseTo(-2.09999600016, 6);
      // Flags changed after the layout was fixed: the decayed ones are no longer a prefix, so the composite ops run.
      [opt.paramState[0].doWd, opt.paramState[1].doWd] = [true, false];
      tf.tidy(() => opt.step([tf.tensor2d([[0.25]]), tf.tensor1d([0.5])]));
      expect(calls).toHaveLength(1);
      opt.dispose();
      tf.dispose([a, b]);
    } finally {
      tf.unregisterKernel(ADAM_STEP_KERNEL, 'cpu');
    }
  });
});
