// Turns a setup and its data into a model and a Learner (the input and output shapes follow
// the data), and describes a model for the page.
import * as tf from '@tensorflow/tfjs';
import { DataLoader } from '../../../data/dataloader';
import { LSUVInit } from '../../../callbacks/lsuv';
import { Adam, Learner, SGD, accuracy, crossEntropyLoss, mseLoss, type Callback, type OptFunc } from '../../../learner';
import { buildModelOf, modelLayers, modelNamesOf } from '../../../models/kinds/builders';
import { modelIoProblem, modelKindOf, needsProblem } from '../../../models/kinds/catalog';
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
  const io = { inputs: full.nFeatures, outputs, imageShape: full.imageShape ?? null };
  const misfit = modelIoProblem(setup.model, io);
  if (misfit) throw new RangeError(`The model does not fit this data: ${misfit}`);
  const seed = setup.dataset.seed + 3 + seedOffset;
  return buildModelOf(setup.model, { ...io, seed });
}

const lsuvWanted = (setup: Setup): boolean => setup.model.kind === 'layers' && setup.model.init === 'lsuv';

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
    wdBnBias: setup.wdBnBias ?? false,
    // LSUV initialisation is miniai's callback: it adjusts the weights at before_fit, on the first batch
    cbs: lsuvWanted(setup) ? [new LSUVInit(), ...cbs] : cbs,
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
  const layers = modelLayers(model).map((l) => {
    const shape = l.outputShape;
    const outputShape = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
    return { name: l.name, kind: l.getClassName(), outputShape, params: l.countParams() };
  });
  return { layers, totalParams: model.countParams(), names };
}

/**
 * On a throwaway Learner: one training step at each batch shape of an epoch (full and last) and
 * one evaluation pass (loss and metrics) at each validation batch shape, each piece synchronous,
 * disposed but for the loss it returns (see compileAhead). Run while the page is idle, they make the backend compile its programs for
 * these shapes (the fused and custom kernels included), so Train's first epoch does not wait.
 */
export function warmUpPieces(learn: Learner, setup: Setup, data: SplitData): Array<() => tf.Tensor | void> {
  const shapes = (n: number) => [...new Set([Math.min(setup.batchSize, n), n % setup.batchSize].filter((k) => k > 0))];
  const firstRows = (ds: SplitData['train'], n: number): tf.Tensor[] => {
    const batches = new DataLoader(ds, { batchSize: n })[Symbol.iterator]();
    const first = batches.next();
    // the loader disposes what it yielded when closed: keep a copy
    const kept = first.done ? [] : first.value.map((t) => t.clone());
    batches.return?.();
    return kept;
  };
  // each piece gives back its loss: reading it tells when the device is through with the piece
  const step = (n: number) => () => {
    const [xb, ...yb] = firstRows(data.train, n);
    const loss = tf.tidy(() => {
      const params = learn.params;
      const { value, grads } = tf.variableGrads(
        () => learn.lossFunc(learn.model.apply(xb, { training: true }) as tf.Tensor, ...yb),
        params,
      );
      const opt = learn.makeOpt({ lr: setup.lr, wd: setup.wd });
      opt.step(params.map((p) => grads[p.name] ?? null));
      opt.dispose();
      return value;
    });
    tf.dispose([xb, ...yb]);
    return loss;
  };
  const evaluate = (n: number) => () => {
    const [xb, ...yb] = firstRows(data.valid, n);
    const loss = tf.tidy(() => {
      const pred = learn.model.apply(xb, { training: false }) as tf.Tensor;
      learn.metrics.forEach((m) => m.fn(pred, ...yb));
      return learn.lossFunc(pred, ...yb);
    });
    tf.dispose([xb, ...yb]);
    return loss;
  };
  return [...shapes(data.train.y.length).map(step), ...shapes(data.valid.y.length).map(evaluate)];
}
