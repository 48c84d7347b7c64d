// fastai's show_training_loop as plain data for the page: of a live Learner's callbacks, or of the
// ones a run would start with (the defaults, the enabled optional ones and the session's LoopControl).
import { LoopControl } from '../../../callbacks/loop-control';
import { showTrainingLoop } from '../../../callbacks/show-training-loop';
import { StreamCallback } from '../../../callbacks/stream';
import { Recorder, TrainEvalCallback, type Callback } from '../../../learner';
import type { LoopLineData } from '../messages';

type NameOf = (cb: Callback) => string;

export function liveTrainingLoop(cbs: readonly Callback[], nameOf: NameOf): LoopLineData[] {
  return showTrainingLoop(cbs, nameOf);
}

/** The loop a new run would have; `extra` builds the enabled optional callbacks (one that fails to build is left out). */
export function idleTrainingLoop(extra: readonly (() => Callback)[], nameOf: NameOf): LoopLineData[] {
  const cbs: Callback[] = [new TrainEvalCallback(), new Recorder(), new StreamCallback(() => undefined), new LoopControl()];
  for (const make of extra) {
    try {
      cbs.push(make());
    } catch {
      // refused when the user enabled it; the panel shows why
    }
  }
  try {
    return showTrainingLoop(cbs, nameOf);
  } finally {
    cbs.forEach((cb) => cb.dispose());
  }
}
