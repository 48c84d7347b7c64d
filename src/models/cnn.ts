// A small LeNet-style CNN for image data, outputting logits:
// conv 5x5 (filters) -> maxpool 2 -> conv 5x5 (2 * filters) -> maxpool 2 -> dense (ReLU) -> logits.
import * as tf from '@tensorflow/tfjs';
import type { CnnSetup } from './kinds/cnn';
import type { ModelBuilder } from './kinds/builders';

export interface CnnOptions {
  /** [height, width, channels] of the input images. */
  imageShape: readonly [number, number, number];
  /** Filters of the first convolution (the second has twice as many). */
  filters: number;
  /** Units of the hidden dense layer. */
  dense: number;
  outputs: number;
  seed?: number;
}

export function buildCnn({ imageShape, filters, dense, outputs, seed }: CnnOptions): tf.Sequential {
  const init = (i: number) => tf.initializers.heNormal({ seed: seed === undefined ? undefined : seed + i });
  const [h, w] = imageShape;
  // 'same' padding keeps small images (down to 4x4) valid: each pool halves the size.
  if (h < 4 || w < 4) throw new RangeError(`A CNN needs images of at least 4x4 pixels, got ${h}x${w}`);
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      inputShape: [...imageShape],
      filters,
      kernelSize: 5,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(0),
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 2 * filters, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(1) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: dense, activation: 'relu', kernelInitializer: init(2) }));
  model.add(
    tf.layers.dense({
      units: outputs,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed === undefined ? undefined : seed + 3 }),
    }),
  );
  return model;
}

/** The CNN kind's builder (the registry's `needs` keeps it to image data). */
export const cnnBuilder: ModelBuilder<CnnSetup> = (m, { outputs, imageShape, seed }) => {
  if (!imageShape) throw new RangeError('The CNN needs image data');
  return buildCnn({ imageShape, filters: m.filters, dense: m.dense, outputs, seed });
};
