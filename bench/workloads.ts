// The benchmark's models and data: the shapes used for the real-GPU figures in shared/gpu/README.md.
import * as tf from '@tensorflow/tfjs';
import { layerListBuilder } from '../src/models/layer-list-builder';
import { LAYER_PRESETS } from '../src/models/layers/presets';

/** bn-cnn: the layer list's "CNN + BatchNorm" preset, as the page builds it. */
export type WorkloadName = 'mlp' | 'cnn' | 'bn-cnn';

export interface Workload {
  name: WorkloadName;
  batchSize: number;
  /** Fresh model each call, with seeded weights, so each side starts from the same point. */
  makeModel(): tf.LayersModel;
  /** Batches kept on the device for the whole benchmark (data loading is not what is measured). */
  batches: [tf.Tensor, tf.Tensor][];
}

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

function mlp(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 512, activation: 'relu', kernelInitializer: seeded(1) }),
      tf.layers.dense({ units: 512, activation: 'relu', kernelInitializer: seeded(2) }),
      tf.layers.dense({ units: 10, kernelInitializer: seeded(3) }),
    ],
  });
}

function cnn(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: seeded(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: seeded(2) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: seeded(3) }),
      tf.layers.dense({ units: 10, kernelInitializer: seeded(4) }),
    ],
  });
}

function bnCnn(): tf.LayersModel {
  const preset = LAYER_PRESETS.find((p) => p.id === 'bn-cnn')!;
  return layerListBuilder(
    { kind: 'layers', stack: preset.stack, init: preset.init },
    { inputs: 784, outputs: 10, imageShape: [28, 28, 1], seed: 1 },
  );
}

const MODELS: Record<WorkloadName, () => tf.LayersModel> = { mlp, cnn, 'bn-cnn': bnCnn };

/** MNIST-shaped random batches (values do not matter for throughput). */
export function makeWorkload(name: WorkloadName, batchSize: number, nBatches: number): Workload {
  const shape = name === 'mlp' ? [batchSize, 784] : [batchSize, 28, 28, 1];
  const batches = Array.from({ length: nBatches }, (_, i): [tf.Tensor, tf.Tensor] => [
    tf.randomUniform(shape, 0, 1, 'float32', 100 + i),
    tf.randomUniform([batchSize], 0, 10, 'int32', 200 + i),
  ]);
  return { name, batchSize, makeModel: MODELS[name], batches };
}

export function disposeWorkload(w: Workload): void {
  w.batches.forEach((b) => tf.dispose(b));
}
