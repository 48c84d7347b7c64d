// ReduceLROnPlateau against fastai's definition, on scripted validation losses.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { type Learner } from '../learner';
import { scriptedLearner } from './fixtures.test.util';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import { EarlyStoppingCallback } from './early-stopping';
import { SaveModelCallback } from './save-model';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));
const scripted = (v: number[], s?: number[]) => {
  const learn = scriptedLearner(v, s);
  live.push(learn);
  return learn;
};

describe('ReduceLROnPlateau', () => {
  it('divides the lr by factor after `patience` epochs without improvement, not below minLr', async () => {
    const learn = scripted([1, 1.1, 1.2, 0.5, 0.6, 0.7]);
    learn.createOpt();
    const lrs: number[] = [];
    const opt = learn.opt!;
    const step = opt.step.bind(opt);
    opt.step = (g) => (lrs.push(opt.hypers.lr), step(g));
    const cb = new ReduceLROnPlateau({ patience: 1, factor: 10, minLr: 2e-5 });
    await learn.fit(6, { lr: 0.1, cbs: [cb] });
    const perEpoch = lrs.filter((_, i) => i % 2 === 0);
    const expected = [0.1, 0.1, 0.01, 0.001, 0.001, 1e-4];
    perEpoch.forEach((lr, i) => expect(lr).toBeCloseTo(expected[i], 12));
    expect(opt.hypers.lr).toBeCloseTo(2e-5, 12); // 1e-5 is below minLr
    expect(cb.messages).toHaveLength(4);
    expect(cb.messages[0]).toBe('Epoch 1: reducing lr to 0.01');
  });

  it("runs before EarlyStopping (fastai's orders 61, 62, 63): both trigger at epoch 1, the lr is reduced, then the fit stops", async () => {
    // fastai 2.7: SaveModelCallback order = TrackerCallback.order+1, ReduceLROnPlateau +2, EarlyStoppingCallback +3.
    // Losses 1, 1.1: no improvement at epoch 1, so with patience 1 both act there. Sorted by order,
    // ReduceLROnPlateau's after_epoch (lr 0.1 → 0.01) comes before EarlyStopping's CancelFitException,
    // even though EarlyStopping was added first.
    const learn = scripted([1, 1.1, 1.2]);
    const es = new EarlyStoppingCallback({ patience: 1 });
    const rlr = new ReduceLROnPlateau({ patience: 1, factor: 10 });
    const save = new SaveModelCallback();
    expect([save.order, rlr.order, es.order]).toEqual([61, 62, 63]);
    await learn.fit(3, { lr: 0.1, cbs: [es, rlr, save] });
    expect(learn.recorder!.values).toHaveLength(2);
    expect(es.message).toBe('No improvement since epoch 0: early stopping');
    expect(rlr.messages).toEqual(['Epoch 1: reducing lr to 0.01']);
    expect(learn.opt!.hypers.lr).toBeCloseTo(0.01, 12);
  });
});
