/** fastai's `ReduceLROnPlateau` (order 62): divides the lr by `factor` when the monitored value has not improved for `patience` epochs. */
import { TrackerCallback, type TrackerOptions } from './tracker';

export interface ReduceLROnPlateauOptions extends TrackerOptions {
  patience?: number;
  factor?: number;
  minLr?: number;
}

export class ReduceLROnPlateau extends TrackerCallback {
  override order = 62;
  readonly patience: number;
  readonly factor: number;
  readonly minLr: number;
  wait = 0;
  /** One line per reduction, as fastai prints them. */
  messages: string[] = [];

  constructor({ patience = 1, factor = 10, minLr = 0, ...o }: ReduceLROnPlateauOptions = {}) {
    super(o);
    this.patience = patience;
    this.factor = factor;
    this.minLr = minLr;
  }

  override before_fit(): void {
    this.wait = 0;
    this.messages = [];
    super.before_fit();
  }

  override after_epoch(): void {
    super.after_epoch();
    if (this.newBest) {
      this.wait = 0;
      return;
    }
    this.wait += 1;
    if (this.wait < this.patience) return;
    const opt = this.learn!.opt!;
    const old = opt.hypers.lr;
    opt.setHypers({ lr: Math.max(old / this.factor, this.minLr) });
    this.wait = 0;
    if (opt.hypers.lr < old) this.messages.push(`Epoch ${this.learn!.epoch}: reducing lr to ${opt.hypers.lr}`);
  }
}
