/** fastai's `SaveModelCallback` (order 61): keeps a copy of the best weights in memory and loads them back at the end of the fit. */
import * as tf from '@tensorflow/tfjs';
import { TrackerCallback, type TrackerOptions } from './tracker';

/**
 * Where fastai saves a file at each improvement, this keeps tensor copies of every model weight
 * (trainable and not, e.g. batch-norm statistics), replacing the previous copies. at after_fit the
 * model gets them back and the copies are disposed; a failed fit or removing the callback only
 * disposes them. The optimizer state is not saved (fastai's default `with_opt=False`).
 */
export class SaveModelCallback extends TrackerCallback {
  override order = 61;
  /** Epoch of the weights held, or null. */
  bestEpoch: number | null = null;
  private saved: tf.Tensor[] | null = null;

  constructor(o: TrackerOptions = {}) {
    super(o);
  }

  override before_fit(): void {
    this.dispose();
    super.before_fit();
  }

  override after_epoch(): void {
    super.after_epoch();
    if (!this.newBest) return;
    this.dispose();
    this.saved = this.learn!.model.getWeights().map((w) => w.clone());
    this.bestEpoch = this.learn!.epoch;
  }

  after_fit(): void {
    if (this.saved) this.learn!.model.setWeights(this.saved);
    this.dispose();
  }

  /** Whether best weights are held now (between an improvement and the end of the fit). */
  get holding(): boolean {
    return this.saved !== null;
  }

  override dispose(): void {
    tf.dispose(this.saved ?? []);
    this.saved = null;
  }
}
