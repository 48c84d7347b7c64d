// A multi-layer perceptron that outputs logits (no softmax: the loss is cross
// entropy on logits, see crossEntropyLoss in the Learner contract).
import * as tf from '@tensorflow/tfjs';
import type { MlpSetup } from './kinds/mlp';
import type { ModelBuilder } from './kinds/builders';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'linear';

export interface MlpOptions {
  inputs: number;
  hidden: number[];
  activation: Activation;
  outputs: number;
  /** Seed for the weight initialisers, for reproducible runs. */
  seed?: number;
  /** Image input [h, w, c] (h * w * c = inputs): flattened first. */
  imageShape?: readonly [number, number, number];
}

export function buildMlp({ inputs, hidden, activation, outputs, seed, imageShape }: MlpOptions): tf.Sequential {
  const model = tf.sequential();
  if (imageShape) model.add(tf.layers.flatten({ inputShape: [...imageShape] }));
  const sizes = [...hidden, outputs];
  sizes.forEach((units, i) => {
    const last = i === sizes.length - 1;
    model.add(
      tf.layers.dense({
        units,
        activation: last ? 'linear' : activation,
        inputShape: i === 0 && !imageShape ? [inputs] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed === undefined ? undefined : seed + i }),
        biasInitializer: 'zeros',
      }),
    );
  });
  return model;
}

/** The MLP kind's builder: `layers` hidden layers of `units`. */
export const mlpBuilder: ModelBuilder<MlpSetup> = (m, { inputs, outputs, imageShape, seed }) =>
  buildMlp({
    inputs,
    hidden: Array.from({ length: m.layers }, () => m.units),
    activation: m.activation,
    outputs,
    seed,
    imageShape: imageShape ?? undefined,
  });
