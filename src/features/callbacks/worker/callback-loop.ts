// fastai's show_training_loop as plain data for the page: of a live Learner's callbacks, or of the
// ones a run would start with (the defaults, the page's plumbing and the enabled optional ones).
import { showTrainingLoop } from '../../../callbacks/show-training-loop';
import { Recorder, TrainEvalCallback, type Callback } from '../../../learner';
import { PLUMBING_NAMES } from '../../../shared/plumbing';
import type { LoopLineData } from '../messages';
import { PLUMBING_SAMPLES } from './plumbing';

type NameOf = (cb: Callback) => string;

export function liveTrainingLoop(cbs: readonly Callback[], nameOf: NameOf): LoopLineData[] {
  return showTrainingLoop(cbs, nameOf);
}

/** The loop a new run would have; `extra` builds the enabled optional callbacks (one that fails to build is left out). */
export function idleTrainingLoop(extra: readonly (() => Callback)[], nameOf: NameOf): LoopLineData[] {
  const cbs: Callback[] = [new TrainEvalCallback(), new Recorder(), ...PLUMBING_NAMES.map((name) => PLUMBING_SAMPLES[name]())];
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
