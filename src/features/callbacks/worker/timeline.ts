// One entry of a run's timeline of callback changes, placed where the loop stands.
import type { Learner } from '../../../learner';
import type { TimelineEntry } from '../messages';

/** Adds where the loop stands: "at epoch 2, iter 13" (1-based, as the progress line). */
export function timelineEntry(learn: Learner, e: Pick<TimelineEntry, 'kind' | 'name' | 'text'>): TimelineEntry {
  const at = e.kind === 'start' ? '' : ` at epoch ${learn.epoch + 1}, iter ${learn.iter + 1}${learn.training ? '' : ' (valid)'}`;
  return { ...e, text: e.text + at, epoch: learn.epoch, iter: learn.iter, trainIter: learn.trainIter, training: learn.training };
}
