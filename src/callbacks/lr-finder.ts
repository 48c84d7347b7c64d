/** fastai's `LRFinder` (order 60): a mock fit with exponentially growing lr that stops when the loss diverges, then restores the model. */
import * as tf from '@tensorflow/tfjs';
import { CancelFitException, CancelValidException, type Learner, type Optimizer } from '../learner';
import { ParamScheduler } from './param-scheduler';
import { SchedExp } from './schedules';
import { suggestLrs, type Suggestions } from './suggestions';

export interface LRFinderOptions {
  startLr?: number;
  endLr?: number;
  /** Number of batches (at least 6, as fastai). */
  numIt?: number;
  /** Stop when the smoothed loss exceeds 4× the best one. */
  stopDiv?: boolean;
}

/**
 * Sets lr = startLr·(endLr/startLr)^(trainIter/numIt) before each batch, skips validation, stops
 * after numIt batches or when the smoothed loss exceeds 4× the best (CancelFitException).
 *
 * Weights: copied at before_fit, written back at after_fit (and when a failed fit disposes the
 * callback), copies then disposed. Optimizer: where fastai reloads the saved optimizer state, the
 * finder trains a fresh optimizer of the same kind and gives the Learner its own one back untouched.
 *
 * Loss read-back: the stop rule needs each batch's smoothed loss, so during the fit the Recorder
 * reads every batch (`readEvery = 1`) and after_batch awaits that read: one GPU round trip per batch,
 * which the short finder run can afford (PyTorch's fastai syncs there too). No lag.
 */
export class LRFinder extends ParamScheduler {
  readonly numIt: number;
  readonly stopDiv: boolean;
  bestLoss = Infinity;
  private savedWeights: tf.Tensor[] | null = null;
  private savedOpt: Optimizer | null = null;
  private savedReadEvery: number | null = null;

  constructor({ startLr = 1e-7, endLr = 10, numIt = 100, stopDiv = true }: LRFinderOptions = {}) {
    super({ lr: SchedExp(startLr, endLr) });
    this.numIt = Math.max(numIt, 6);
    this.stopDiv = stopDiv;
  }

  override before_fit(): void {
    super.before_fit();
    const learn = this.learn!;
    const recorder = learn.recorder;
    if (!recorder) throw new Error('LRFinder needs the Recorder (defaultCbs) for the smoothed loss');
    this.restore(); // a previous run that never reached after_fit
    this.savedWeights = learn.model.getWeights().map((w) => w.clone());
    this.savedOpt = learn.opt;
    learn.opt = learn.makeOpt({ ...learn.opt!.hypers }); // with the Learner's do_wd / force_train flags
    this.savedReadEvery = recorder.readEvery;
    recorder.readEvery = 1;
    this.bestLoss = Infinity;
  }

  override before_batch(): void {
    this.updateVal(this.learn!.trainIter / this.numIt);
  }

  override async after_batch(): Promise<void> {
    super.after_batch();
    const learn = this.learn!;
    await learn.recorder!.flush(); // this batch's loss, read back (see the class comment)
    const smooth = learn.smoothLoss ?? NaN;
    if (smooth < this.bestLoss) this.bestLoss = smooth;
    // Also stops at NaN, where fastai's `smooth_loss > 4*best_loss` is false and it trains on to num_it.
    if (this.stopDiv && (smooth > 4 * this.bestLoss || Number.isNaN(smooth))) throw new CancelFitException();
    if (learn.trainIter >= this.numIt) throw new CancelFitException();
  }

  before_validate(): void {
    throw new CancelValidException();
  }

  after_fit(): void {
    this.learn!.zeroGrad();
    this.restore();
  }

  override dispose(): void {
    this.restore();
  }

  /** Puts back the weights, the optimizer and the Recorder's read cadence, if still held. */
  private restore(): void {
    const learn = this.learn;
    if (this.savedWeights) {
      learn?.model.setWeights(this.savedWeights);
      tf.dispose(this.savedWeights);
      this.savedWeights = null;
    }
    if (this.savedOpt && learn) {
      learn.opt?.dispose();
      learn.opt = this.savedOpt;
    }
    this.savedOpt = null;
    if (this.savedReadEvery !== null && learn?.recorder) learn.recorder.readEvery = this.savedReadEvery;
    this.savedReadEvery = null;
  }
}

export interface LRFindResult {
  /** Every recorded point of the run, in order (plot loss vs lr on a log axis). */
  lrs: number[];
  /** Smoothed losses (`recorder.losses`, as fastai's). */
  losses: number[];
  suggestions: Suggestions;
}

/**
 * fastai's `Learner.lr_find`: runs the finder for numIt batches (over as many epochs as that takes),
 * then suggests learning rates from the curve. The model and optimizer come back unchanged.
 */
export async function lrFind(learn: Learner, opts: LRFinderOptions = {}): Promise<LRFindResult> {
  const finder = new LRFinder(opts);
  const nEpoch = Math.floor(finder.numIt / learn.dls.train.length) + 1;
  await learn.fit(nEpoch, { cbs: [finder] });
  const recorder = learn.recorder!;
  await recorder.flush();
  const lrs = [...recorder.lrs];
  const losses = [...recorder.losses];
  return { lrs, losses, suggestions: suggestLrs(lrs, losses, finder.numIt) };
}
