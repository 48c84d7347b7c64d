// The pictures' worker side: a PicturesCallback in every run (decision boundary for 2-D data,
// image batch and confusion matrix for images), disposed when the run ends.
import type { Learner } from '../../../learner';
import type { Session } from '../../run/worker/session';
import type { Send, WorkerFeature } from '../../../worker/feature';
import { PicturesCallback, extentOf } from './pictures';

export class PicturesFeature implements WorkerFeature {
  private pictures = new Map<Learner, PicturesCallback>();

  constructor(private readonly send: Send) {}

  attach(learn: Learner, session: Session): void {
    const setup = session.setup;
    if (!setup) return;
    const { full, train } = session.data.get(setup.dataset);
    const twoD = full.nFeatures === 2 && !full.imageShape;
    const cb = new PicturesCallback(this.send, {
      task: full.task,
      nClasses: full.task === 'classification' ? full.nClasses : 1,
      extent: twoD ? extentOf(train.x) : null,
      images: !!full.imageShape,
      stopping: () => session.stream?.stopping ?? false,
    });
    this.pictures.set(learn, cb);
    learn.addCb(cb);
  }

  detach(learn: Learner): void {
    this.pictures.get(learn)?.dispose();
    this.pictures.delete(learn);
  }
}
