// The Learner's data and option types (fastai's DataLoaders, Learner and fit arguments).
import type * as tf from '@tensorflow/tfjs';
import type { CbArg } from './callback';
import type { LossFunc, Metric } from './losses';
import type { OptFunc } from './optimizer';

export type Batch = tf.Tensor[];
/** Any iterable of batches with a length: a plain array of `[xb, yb]` works. */
export interface DataLoaderLike extends Iterable<Batch> {
  readonly length: number;
}
export interface DataLoaders {
  train: DataLoaderLike;
  valid: DataLoaderLike;
}

export interface LearnerOptions {
  lossFunc: LossFunc;
  optFunc?: OptFunc;
  lr?: number;
  wd?: number;
  /** Apply weight decay to biases and normalization layers too (fastai's `wd_bn_bias`, default false). */
  wdBnBias?: boolean;
  /**
   * fastai's `train_bn` (default true): normalization-layer parameters are marked `forceTrain` in
   * the optimizer, which in fastai keeps them training when the body is frozen. The Learner has
   * no freezing (one parameter group), so here it changes no numbers.
   */
  trainBn?: boolean;
  metrics?: Metric[];
  cbs?: CbArg[];
  /** TrainEvalCallback and Recorder, as fastai's `defaults.callbacks` (default true). */
  defaultCbs?: boolean;
  /** How many tensors of a batch are inputs; by default all but the last (fastai's `n_inp`). */
  nInp?: number;
}

export interface FitOptions {
  lr?: number;
  wd?: number;
  /** Callbacks added for this fit only, removed afterwards whatever happens. */
  cbs?: CbArg[];
  resetOpt?: boolean;
  /** Skip the epochs before this one, like fastai's `SkipToEpoch`. */
  startEpoch?: number;
}
