// Turns a setup and its data into a model and a Learner (the input and output shapes follow
// the data), and describes a model for the page.
import * as tf from '@tensorflow/tfjs';
import { DataLoader } from '../../../data/dataloader';
import { Adam, Learner, SGD, accuracy, crossEntropyLoss, mseLoss, type Callback, type OptFunc } from '../../../learner';
import { buildModelOf, modelNamesOf } from '../../../models/kinds/builders';
import { modelKindOf, needsProblem } from '../../../models/kinds/catalog';
import type { ModelNames, ModelSummary, Setup } from '../messages';
import { setupProblems } from '../setup-rules';
import type { SplitData } from './data-source';

export interface BuiltLearner {
  learn: Learner;
  /** Frees the model and the optimizer state. */
  dispose(): void;
}

/** The model `setup.model` describes, sized for `data`; a RangeError when the kind does not fit the data. */
export function buildModel(setup: Setup, data: SplitData, seedOffset = 0): tf.LayersModel {
  const { full } = data;
  const problem = needsProblem(modelKindOf(setup.model), { images: !!full.imageShape, classes: full.task === 'classification' });
  if (problem) throw new RangeError(`${problem}; pick another model for this dataset`);
  const outputs = full.task === 'classification' ? full.nClasses : 1;
  const seed = setup.dataset.seed + 3 + seedOffset;
  return buildModelOf(setup.model, { inputs: full.nFeatures, outputs, imageShape: full.imageShape ?? null, seed });
}

export function optFunc(setup: Setup): OptFunc {
  if (setup.optimizer === 'sgd') return (params, h) => SGD(params, { ...h, mom: setup.momentum });
  return Adam;
}

/** Data loaders, model and Learner for `setup`; throws a RangeError for an invalid setup. */
export function buildLearnerFor(setup: Setup, data: SplitData, cbs: Callback[]): BuiltLearner {
  const problems = setupProblems(setup);
  if (problems.length) throw new RangeError(problems.join('; '));
  const dls = {
    train: new DataLoader(data.train, { batchSize: setup.batchSize, shuffle: true, seed: setup.dataset.seed + 2 }),
    valid: new DataLoader(data.valid, { batchSize: setup.batchSize }),
  };
  const model = buildModel(setup, data);
  const classification = data.full.task === 'classification';
  const learn = new Learner(dls, model, {
    lossFunc: classification ? crossEntropyLoss : mseLoss,
    metrics: classification ? [accuracy] : [],
    optFunc: optFunc(setup),
    lr: setup.lr,
    wd: setup.wd,
    cbs,
  });
  return {
    learn,
    dispose: () => {
      learn.opt?.dispose();
      model.dispose();
    },
  };
}

/** Fresh random weights (a new seed each time) and a fresh optimizer, in place. */
export function resetWeights(learn: Learner, setup: Setup, data: SplitData, n: number): void {
  const fresh = buildModel(setup, data, 1000 * n);
  learn.model.setWeights(fresh.getWeights());
  fresh.dispose();
  learn.createOpt();
}

/** PyTorch's names for a model `setup` describes (as the exported fastai script builds it). */
export function modelNames(setup: Setup, data: SplitData, model: tf.LayersModel): ModelNames {
  return modelNamesOf(setup.model, !!data.full.imageShape, model);
}

export function summarize(model: tf.LayersModel, names: ModelNames = {}): ModelSummary {
  const layers = model.layers.map((l) => {
    const shape = l.outputShape;
    const outputShape = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
    return { name: l.name, kind: l.getClassName(), outputShape, params: l.countParams() };
  });
  return { layers, totalParams: model.countParams(), names };
}
