// The TensorFlow.js format in plain data: a model saved through a custom save handler into
// model.json's text and one weights buffer (what the browser downloads), and loaded back with
// tf.io.fromMemory. No file system, no network: the worker and Node tests use the same code.
import * as tf from '@tensorflow/tfjs';
import { WEIGHTS_FILE } from '../messages';

export interface SavedModel {
  modelJson: string;
  weights: ArrayBuffer;
}

/** model.json (manifest pointing at `weightsFile`) and the weights, as `tf.io.browserDownloads` writes them. */
export async function saveToMemory(model: tf.LayersModel, weightsFile = WEIGHTS_FILE): Promise<SavedModel> {
  let saved: SavedModel | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData
        ? Array.isArray(artifacts.weightData)
          ? tf.io.concatenateArrayBuffers(artifacts.weightData)
          : artifacts.weightData
        : new ArrayBuffer(0);
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        weightsManifest: [{ paths: [`./${weightsFile}`], weights: artifacts.weightSpecs ?? [] }],
      };
      saved = { modelJson: JSON.stringify(json), weights: weights.slice(0) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  if (!saved) throw new Error('The model could not be saved');
  return saved;
}

/** A LayersModel from model.json's text and its weights; throws an Error saying what is wrong. */
export async function loadFromMemory(modelJson: string, weights: ArrayBuffer): Promise<tf.LayersModel> {
  let json: Partial<tf.io.ModelJSON>;
  try {
    json = JSON.parse(modelJson) as Partial<tf.io.ModelJSON>;
  } catch {
    throw new Error('model.json is not valid JSON');
  }
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error('model.json is not a TensorFlow.js layers model (no modelTopology or weightsManifest)');
  }
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights ?? []);
  const bytes = weightSpecs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (bytes !== weights.byteLength) {
    throw new Error(`The weights file has ${weights.byteLength} bytes; model.json describes ${bytes}`);
  }
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: weights }));
}

/** Why weights of these shapes cannot go into a model with `expected` shapes, or null. */
export function shapeMismatch(got: readonly number[][], expected: readonly number[][]): string | null {
  if (got.length !== expected.length) return `it has ${got.length} weight tensors, the setup's model ${expected.length}`;
  for (let i = 0; i < got.length; i++) {
    if (got[i].join('x') !== expected[i].join('x'))
      return `weight ${i + 1} is [${got[i].join(', ')}], the setup's model needs [${expected[i].join(', ')}]`;
  }
  return null;
}
