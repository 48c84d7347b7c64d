// The builder of every model kind (tfjs: worker and engine only). The map must name a builder for
// each kind of the catalog and nothing else: a kind without one is a compile error.
import type * as tf from '@tensorflow/tfjs';
import type { ImageShape } from '../../data/dataset';
import { cnnBuilder } from '../cnn';
import { layerListBuilder } from '../layer-list-builder';
import { mlpBuilder } from '../mlp';
import { modelKindOf, modelValues, type ModelKindId, type ModelSetup } from './catalog';
import type { AnyModelSetup } from './kind';
import { torchNames, type ModelNames } from '../torch-names';

/** What the data decides about a model: its input and output sizes, and the seed of its weights. */
export interface ModelInput {
  inputs: number;
  /** Classes, or 1 for regression. */
  outputs: number;
  /** Set for image data: [h, w, c] with h * w * c = inputs. */
  imageShape: ImageShape | null;
  seed: number;
}

export type ModelBuilder<M> = (m: M, input: ModelInput) => tf.LayersModel;

export const MODEL_BUILDERS = {
  mlp: mlpBuilder,
  cnn: cnnBuilder,
  layers: layerListBuilder,
} satisfies { [K in ModelKindId]: ModelBuilder<Extract<ModelSetup, { kind: K }>> };

/** The model `m` describes, sized by `input` (the caller checks the kind's needs first). */
export function buildModelOf(m: ModelSetup, input: ModelInput): tf.LayersModel {
  // Indexed by m.kind, the builder takes exactly m's kind: one cast, checked by the map's type.
  return (MODEL_BUILDERS[m.kind] as ModelBuilder<ModelSetup>)(m, input);
}

/** PyTorch's names for the layers and weights of `model`, built from `m` (`images`: image data). */
export function modelNamesOf(m: ModelSetup, images: boolean, model: tf.LayersModel): ModelNames {
  const torch = modelKindOf(m).torch(modelValues(m) as AnyModelSetup, { images });
  return torchNames(
    torch,
    modelLayers(model).map((l) => ({ name: l.name, weights: l.weights.map((w) => w.name) })),
  );
}

/** The model's layers without a functional model's InputLayer (a Sequential lists none): what the plan and the summary show. */
export function modelLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((l) => l.getClassName() !== 'InputLayer');
}
