// ReduceLROnPlateau against fastai's definition, on scripted validation losses.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { type Learner } from '../learner';
import { scriptedLearner } from './fixtures.test.util';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';

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
});
