/** fastai's `EarlyStoppingCallback` (order 63, after SaveModel and ReduceLROnPlateau): stops the fit when the monitored value has not improved for `patience` epochs. */
import { CancelFitException } from '../learner';
import { TrackerCallback, type TrackerOptions } from './tracker';

export class EarlyStoppingCallback extends TrackerCallback {
  override order = 63;
  readonly patience: number;
  /** Epochs since the last improvement. */
  wait = 0;
  /** fastai prints this when it stops; kept for the UI's timeline. */
  message: string | null = null;

  constructor({ patience = 1, ...o }: TrackerOptions & { patience?: number } = {}) {
    super(o);
    this.patience = patience;
  }

  override before_fit(): void {
    this.wait = 0;
    this.message = null;
    super.before_fit();
  }

  override after_epoch(): void {
    super.after_epoch();
    if (this.newBest) {
      this.wait = 0;
      return;
    }
    this.wait += 1;
    if (this.wait >= this.patience) {
      this.message = `No improvement since epoch ${this.learn!.epoch - this.wait}: early stopping`;
      throw new CancelFitException(this.message);
    }
  }
}
