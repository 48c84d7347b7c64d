// The model export formats, in Node on the cpu backend: the model saved through the custom save
// handler loads back (tf.io.fromMemory) with equal weights; the feature keeps, exports and
// re-imports a trained model, refuses one that does not fit, and the run reports no leak.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn } from '../../../models/cnn';
import { buildMlp } from '../../../models/mlp';
import { layerListBuilder } from '../../../models/layer-list-builder';
import type { Setup } from '../../setup/messages';
import type { WorkerToPage } from '../../messages';
import { ModelExportFeature } from './model-export';
import { loadFromMemory, saveToMemory } from './model-io';
import { Session } from '../../run/worker/session';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

async function values(model: tf.LayersModel): Promise<number[][]> {
  return Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
}

const setup: Setup = {
  dataset: { kind: 'synthetic', id: 'spiral', params: { nPerClass: 20, nClasses: 3, noise: 0.1 }, seed: 7, validPct: 0.2 },
  model: { kind: 'mlp', layers: 1, units: 8, activation: 'relu' },
  optimizer: 'adam',
  momentum: 0.9,
  lr: 0.01,
  wd: 0,
  batchSize: 16,
  epochs: 1,
};

describe('model export (TensorFlow.js format)', () => {
  it('an MLP and a CNN load back with equal weights', async () => {
    for (const model of [
      buildMlp({ inputs: 2, hidden: [8, 4], activation: 'tanh', outputs: 3, seed: 1 }),
      buildCnn({ imageShape: [28, 28, 1], filters: 2, dense: 8, outputs: 10, seed: 2 }),
    ]) {
      const saved = await saveToMemory(model);
      const json = JSON.parse(saved.modelJson) as tf.io.ModelJSON;
      expect(json.weightsManifest[0].paths).toEqual(['./model.weights.bin']);
      expect(json.format).toBe('layers-model');
      const back = await loadFromMemory(saved.modelJson, saved.weights);
      expect(await values(back)).toEqual(await values(model));
      expect(back.getWeights().map((w) => w.shape)).toEqual(model.getWeights().map((w) => w.shape));
      back.dispose();
      model.dispose();
    }
  });

  it('a layer list (BatchNorm, GeneralRelu, a ResBlock) loads back with equal weights and predictions', async () => {
    const model = layerListBuilder(
      { kind: 'layers', stack: 'conv(4, 3, 2) bn2d generalrelu(0.1, 0.4, 6) resblock(6, 2) globalavgpool dropout(0.2)', init: 'kaiming' },
      { inputs: 64, outputs: 3, imageShape: [8, 8, 1], seed: 3 },
    );
    const saved = await saveToMemory(model);
    const back = await loadFromMemory(saved.modelJson, saved.weights);
    expect(await values(back)).toEqual(await values(model));
    const x = tf.randomNormal([2, 8, 8, 1], 0, 1, 'float32', 5);
    const [a, b] = [model.predict(x) as tf.Tensor, back.predict(x) as tf.Tensor];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    back.dispose();
    model.dispose();
  });

  it('says what is wrong with bad files', async () => {
    await expect(loadFromMemory('{', new ArrayBuffer(0))).rejects.toThrow(/not valid JSON/);
    await expect(loadFromMemory('{"a":1}', new ArrayBuffer(0))).rejects.toThrow(/not a TensorFlow.js layers model/);
    const model = buildMlp({ inputs: 2, hidden: [4], activation: 'relu', outputs: 2, seed: 1 });
    const saved = await saveToMemory(model);
    await expect(loadFromMemory(saved.modelJson, saved.weights.slice(4))).rejects.toThrow(/bytes/);
    model.dispose();
  });

  it('keeps the trained model, exports it, re-imports it into the next run, refuses a mismatch', async () => {
    const sent: WorkerToPage[] = [];
    const feature = new ModelExportFeature((m) => sent.push(m));
    const session = new Session((m) => sent.push(m), [feature]);
    const before = tf.memory().numTensors;
    await session.train(setup);
    const status = sent.find((m) => m.type === 'status' && m.state === 'done');
    expect(status).toMatchObject({ detail: 'finished', leakedTensors: 0 });
    expect(sent).toContainEqual({ type: 'model-state', model: expect.objectContaining({ source: 'trained', continueNext: false }) });
    expect(tf.memory().numTensors - before).toBe(feature.keptTensors());

    await session.handle({ type: 'model-export' });
    const exported = sent.find((m) => m.type === 'model-exported');
    if (exported?.type !== 'model-exported') throw new Error('no export');
    const loaded = await loadFromMemory(exported.modelJson, exported.weights);

    const wrong: Setup = { ...setup, model: { kind: 'mlp', layers: 2, units: 8, activation: 'relu' } };
    await session.handle({
      type: 'model-import',
      setup: wrong,
      name: 'model.json',
      modelJson: exported.modelJson,
      weights: exported.weights,
    });
    expect(sent.at(-1)).toMatchObject({
      type: 'model-refused',
      message: expect.stringMatching(/does not match the setup's model \(MLP 2 x 8 relu\)/),
    });

    await session.handle({ type: 'model-import', setup, name: 'model.json', modelJson: exported.modelJson, weights: exported.weights });
    expect(sent.at(-1)).toEqual({ type: 'model-state', model: expect.objectContaining({ source: 'imported', continueNext: true }) });

    // the next run starts from the imported weights
    let first: number[][] = [];
    const probe = { attach: (learn: import('../../../learner').Learner) => void values(learn.model).then((v) => (first = v)) };
    const s2 = new Session((m) => sent.push(m), [feature, probe]);
    sent.length = 0;
    await s2.train({ ...setup, lr: 1e-9 });
    expect(first).toEqual(await values(loaded));
    expect(sent.find((m) => m.type === 'status' && m.state === 'done')).toMatchObject({ leakedTensors: 0 });
    loaded.dispose();
  });
});
