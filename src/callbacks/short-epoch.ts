/** fastai's `ShortEpochCallback`: fits only `pct` of each epoch's batches, then cancels the rest of training (and validation). */
import { Callback, CancelTrainException, CancelValidException } from '../learner';

/**
 * At after_batch, once iter/nIter ≥ pct: CancelTrainException in training, CancelValidException in
 * validation when `shortValid`. As in fastai, iter counts from 0 and the batch that reaches pct is
 * completed (stepped) before the cancel: min(nIter, ⌈pct·nIter⌉ + 1) batches run (1 when pct is 0),
 * and callbacks after this one (the Recorder, order 50) never see the last one's after_batch.
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
