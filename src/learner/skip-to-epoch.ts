import { Callback } from './callback';
import { CancelEpochException } from './exceptions';

/** fastai's `SkipToEpoch`: epochs before `epoch` are cancelled at before_epoch. */
export class SkipToEpoch extends Callback {
  override order = 70;

  constructor(private readonly skipTo: number) {
    super();
  }

  before_epoch(): void {
    if (this.learn!.epoch < this.skipTo) throw new CancelEpochException();
  }
}
