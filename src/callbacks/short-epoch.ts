/** fastai's `ShortEpochCallback`: fits only `pct` of each epoch's batches, then cancels the rest of training (and validation). */
import { Callback, CancelTrainException, CancelValidException } from '../learner';

/**
 * At after_batch, once iter/nIter ≥ pct: CancelTrainException in training, CancelValidException in
 * validation when `shortValid`. As in fastai, iter counts from 0, so at least one batch runs, and
 * the batch that reaches pct is completed before the cancel.
 */
export class ShortEpochCallback extends Callback {
  constructor(
    readonly pct = 0.01,
    readonly shortValid = true,
  ) {
    super();
  }

  after_batch(): void {
    const learn = this.learn!;
    if (learn.iter / learn.nIter < this.pct) return;
    if (learn.training) throw new CancelTrainException();
    if (this.shortValid) throw new CancelValidException();
  }
}
