import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../../../data/dataloader';
import { makeSpiral } from '../../../data/spiral';
import { Callback, Learner, crossEntropyLoss } from '../../../learner';
import { buildMlp } from '../../../models/mlp';
import { SpeedProbe } from './speed-probe';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

class Events extends Callback {
  order = 50; // before the probe, so it sees the batch the probe ends the fit at
  batches = 0;
  validBatches = 0;
  after_batch() {
    if (this.learn!.training) this.batches++;
    else this.validBatches++;
  }
}

function learner(cbs: Callback[]) {
  // 4 training batches of 8 per epoch: the probe's batches span several epochs
  const data = makeSpiral({ nPerClass: 16, nClasses: 2, noise: 0.1, seed: 1 });
  const dls = { train: new DataLoader(data, { batchSize: 8, shuffle: true, seed: 2 }), valid: new DataLoader(data, { batchSize: 16 }) };
  const model = buildMlp({ inputs: 2, hidden: [8], activation: 'relu', outputs: 2, seed: 3 });
  return new Learner(dls, model, { lossFunc: crossEntropyLoss, lr: 0.01, cbs });
}

describe('SpeedProbe', () => {
  it('times maxBatches after the warm-up, then ends the fit, skipping validation', async () => {
    let t = 0;
    const probe = new SpeedProbe({ warmup: 2, maxBatches: 5, budgetMs: 1e9, now: () => (t += 100) });
    const events = new Events();
    const before = tf.memory().numTensors;
    const learn = learner([probe, events]);
    await learn.fit(1000);
    expect(events.batches).toBe(2 + 5); // the warm-up (the clock starts when it is done), the timed ones
    expect(events.validBatches).toBe(0);
    // 5 batches of 8 samples; the clock read once per timed batch, 100 ms apart
    expect(probe.samplesPerSecond).toBeCloseTo((5 * 8 * 1000) / 500, 6);
    learn.opt?.dispose();
    learn.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at the time budget', async () => {
    let t = 0;
    const probe = new SpeedProbe({ warmup: 1, maxBatches: 1000, budgetMs: 250, now: () => (t += 100) });
    const events = new Events();
    const learn = learner([probe, events]);
    await learn.fit(1000);
    expect(events.batches).toBe(1 + 3);
    learn.opt?.dispose();
    learn.model.dispose();
  });
});
