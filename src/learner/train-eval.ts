import { Callback } from './callback';

/** fastai's `TrainEvalCallback`: iteration counters and the training flag. */
export class TrainEvalCallback extends Callback {
  override order = -10;
  override runValid = false;

  after_create(): void {
    this.learn!.nEpoch = 1;
  }

  before_fit(): void {
    const learn = this.learn!;
    learn.epoch = 0;
    learn.trainIter = 0;
    learn.pctTrain = 0;
  }

  after_batch(): void {
    const learn = this.learn!;
    learn.pctTrain += 1 / (learn.nIter * learn.nEpoch);
    learn.trainIter += 1;
  }

  before_train(): void {
    const learn = this.learn!;
    learn.pctTrain = learn.epoch / learn.nEpoch;
    learn.training = true;
  }

  before_validate(): void {
    this.learn!.training = false;
  }
}
