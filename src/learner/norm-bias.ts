// fastai's `norm_bias_params`: which parameters are biases or normalization-layer parameters, the
// ones `Learner.create_opt` exempts from weight decay (`wd_bn_bias=False`) and keeps trainable
// (`train_bn`). The one place the rule is written, over tfjs layers.
import type * as tf from '@tensorflow/tfjs';

/** fastai's `norm_types` (BatchNorm1d/2d/3d, InstanceNorm, LayerNorm), as tfjs names its layers. */
export const NORM_LAYER_CLASSES: readonly string[] = ['BatchNormalization', 'LayerNormalization'];

type Layer = tf.layers.Layer;
type Weight = tf.LayersModel['trainableWeights'][number];

/**
 * For each of `model.trainableWeights` (the order of `learn.params`): whether it is a parameter of
 * a normalization layer (gamma, beta) or, with `withBias`, a bias — a layer's `bias` or any weight
 * whose own name is `bias` (RNN cells, wrappers). Nested models are walked, as fastai walks children.
 */
export function normBiasMask(model: tf.LayersModel, withBias = true): boolean[] {
  const picked = new Set<Weight>();
  const visit = (layer: Layer): void => {
    const inner = (layer as Partial<tf.LayersModel>).layers;
    if (inner) return inner.forEach(visit);
    if (NORM_LAYER_CLASSES.includes(layer.getClassName())) {
      layer.weights.forEach((w) => picked.add(w));
      return;
    }
    if (!withBias) return;
    const bias = (layer as { bias?: unknown }).bias;
    for (const w of layer.weights) if (w === bias || w.originalName.split('/').pop() === 'bias') picked.add(w);
  };
  model.layers.forEach(visit);
  return model.trainableWeights.map((w) => picked.has(w));
}
