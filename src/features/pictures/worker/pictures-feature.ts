// The pictures' worker side: a PicturesCallback in every run (decision boundary for 2-D data,
// image batch and confusion matrix for images), disposed when the run ends.
import type { Learner } from '../../../learner';
import type { Session } from '../../run/worker/session';
import type { SplitData } from '../../setup/worker/data-source';
import type { Send, WorkerFeature } from '../../../worker/feature';
import * as tf from '@tensorflow/tfjs';
import { GRID_SIZE, PicturesCallback, boundaryOf, extentOf, gridPoints } from './pictures';

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

  /** The decision boundary's grid pass, for 2-D data (the image views' ops are the evaluation's). */
  warmUp(learn: Learner, { full }: SplitData): tf.Tensor | void {
    if (full.nFeatures !== 2 || full.imageShape) return;
    const grid = gridPoints(GRID_SIZE, -1, 1);
    const [first, ...rest] = boundaryOf(learn.model, grid, full.task === 'classification');
    tf.dispose([grid, ...rest]);
    return first;
  }

  detach(learn: Learner): void {
    this.pictures.get(learn)?.dispose();
    this.pictures.delete(learn);
  }
}
