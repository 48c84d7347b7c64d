// The enabled callbacks as fastai 2.7 callbacks, and the fit call (fit, fit_one_cycle or
// fit_flat_cos) the ParamScheduler choice stands for. Every value goes through py().
import type { ParamValue, ParamValues } from '../../callbacks/messages';
import { py, pyComment } from '../../../shared/py-literal';

const int = (v: ParamValue | undefined) => py(Number(v));
const float = (v: ParamValue | undefined) => py(Number(v), { float: true });
const bool = (v: ParamValue | undefined) => py(Boolean(v));

/** monitor, comp and min_delta of fastai's TrackerCallback. */
function tracker(p: ParamValues): string {
  const comp = p.comp === 'less' || p.comp === 'greater' ? `, comp=np.${p.comp}` : '';
  return `monitor=${py(String(p.monitor ?? 'valid_loss'))}${comp}, min_delta=${float(p.minDelta ?? 0)}`;
}

const CALLBACKS: Record<string, (p: ParamValues) => string> = {
  EarlyStoppingCallback: (p) => `EarlyStoppingCallback(${tracker(p)}, patience=${int(p.patience)})`,
  SaveModelCallback: (p) => `SaveModelCallback(${tracker(p)})`,
  ReduceLROnPlateau: (p) =>
    `ReduceLROnPlateau(${tracker(p)}, patience=${int(p.patience)}, factor=${float(p.factor)}, min_lr=${float(p.minLr)})`,
  TerminateOnNaNCallback: () => 'TerminateOnNaNCallback()',
  GradientClip: (p) => `GradientClip(max_norm=${float(p.maxNorm)})`,
  GradientAccumulation: (p) => `GradientAccumulation(n_acc=${int(p.nAcc)})`,
  // fastai's Beta(alpha) needs a float tensor: alpha=1.0, never 1
  MixUp: (p) => `MixUp(alpha=${float(p.alpha)})`,
  CutMix: (p) => `CutMix(alpha=${float(p.alpha)})`,
  ShortEpochCallback: (p) => `ShortEpochCallback(pct=${float(p.pct)}, short_valid=${bool(p.shortValid)})`,
  CSVLogger: (p) => `CSVLogger(fname=${py(String(p.fname ?? 'history.csv'))}, append=${bool(p.append)})`,
  ActivationStats: (p) =>
    `ActivationStats(with_hist=True${Number(p.every) > 1 ? `, every=${int(p.every)}` : ''}${p.allLayers ? ', include_paramless=True' : ''})`,
};

/** Said as a comment above the Learner: what fastai does differently for that callback. */
const NOTES: Record<string, string> = {
  MixUp: "MixUp: fastai draws lambda from torch's seeded generator (the page's sampler seed has no counterpart)",
  CutMix: "CutMix: fastai draws lambda and the box from torch's seeded generator (the page's sampler seed has no counterpart)",
  ActivationStats: "ActivationStats: fastai's histogram has 40 bins over [0, 10] (the page's bins and range are its own)",
};

export interface FastaiCallbacks {
  /** fastai callback constructors, for `cbs=[...]`. */
  cbs: string[];
  /** Comment lines: differences, and callbacks fastai has no counterpart for. */
  notes: string[];
}

export function fastaiCallbacks(enabled: Record<string, ParamValues>): FastaiCallbacks {
  const cbs: string[] = [];
  const notes: string[] = [];
  for (const [name, p] of Object.entries(enabled)) {
    if (name === 'ParamScheduler') continue; // the fit call (fastaiFit)
    const make = CALLBACKS[name];
    if (make) cbs.push(make(p));
    else notes.push(pyComment(`NOTE: ${name} ${JSON.stringify(p)} has no fastai counterpart here`));
    if (NOTES[name]) notes.push(pyComment(NOTES[name]));
  }
  return { cbs, notes };
}

/**
 * learn.fit, or fastai's fit_one_cycle / fit_flat_cos for the ParamScheduler's schedule. An unset
 * lrMax (empty) is left out: fastai then takes learn.lr, the page's lr given to the Learner.
 */
export function fastaiFit(epochs: number, lr: number, mom: number, sched: ParamValues | undefined): string {
  if (!sched) return `learn.fit(${py(epochs)}, lr=${py(lr, { float: true })})`;
  const peak = (name: string) => (sched.lrMax === '' || sched.lrMax === undefined ? '' : `, ${name}=${float(sched.lrMax)}`);
  if (sched.schedule === 'flat_cos')
    return `learn.fit_flat_cos(${py(epochs)}${peak('lr')}, div_final=${float(sched.divFinal)}, pct_start=${float(sched.pctStart)})`;
  // moms off on the page: momentum stays the optimizer's (fastai's moms=None would mean 0.95 -> 0.85 -> 0.95)
  const moms = sched.moms === false ? `, moms=${py([mom, mom, mom], { float: true })}` : '';
  return (
    `learn.fit_one_cycle(${py(epochs)}${peak('lr_max')}, div=${float(sched.div)}, div_final=${float(sched.divFinal)}, ` +
    `pct_start=${float(sched.pctStart)}${moms})`
  );
}
