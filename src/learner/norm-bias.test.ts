// fastai's norm_bias_params over tfjs layers: biases (with_bias) and every parameter of a norm layer.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normBiasMask } from './norm-bias';
import { useCpuBackend } from './fixtures.test.util';

beforeAll(useCpuBackend);

describe('normBiasMask', () => {
  it('picks biases and norm-layer parameters, in trainableWeights order, through nested models', () => {
    // fastai: norm_bias_params(m) returns all parameters of norm_types modules (BatchNorm, LayerNorm, …)
    // and, with_bias, every module's `bias`; with_bias=False only the norm ones (train_bn's list).
    const inner = tf.sequential({
      layers: [tf.layers.dense({ units: 3, inputShape: [4] }), tf.layers.layerNormalization({})],
    });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1] }),
        tf.layers.batchNormalization({}),
        tf.layers.flatten(),
        tf.layers.dense({ units: 4, useBias: false }),
        inner,
        tf.layers.reshape({ targetShape: [3, 1] }),
        tf.layers.simpleRNN({ units: 2 }),
      ],
    });
    const names = model.trainableWeights.map((w) => w.originalName.split('/').pop());
    expect(names).toEqual([
      'kernel',
      'bias',
      'gamma',
      'beta',
      'kernel',
      'kernel',
      'bias',
      'gamma',
      'beta',
      'kernel',
      'recurrent_kernel',
      'bias',
    ]);
    expect(normBiasMask(model)).toEqual([false, true, true, true, false, false, true, true, true, false, false, true]);
    expect(normBiasMask(model, false)).toEqual([false, false, true, true, false, false, false, true, true, false, false, false]);
    model.dispose();
  });
});
