/** fastai's `ParamScheduler` (order 60): sets optimizer hyper-parameters from schedules at every training batch. */
import { Callback, type CbArg, type Hypers, type Learner } from '../learner';
import { combinedCos, type Schedule } from './schedules';

export type HyperName = keyof Hypers;
export type Scheds = Partial<Record<HyperName, Schedule>>;
/** Schedules, or how to make them from the Learner when the scheduler starts (a peak lr that is `learn.lr`). */
export type SchedsArg = Scheds | ((learn: Learner) => Scheds);

/**
 * Sets each scheduled hyper-parameter at before_batch from `learn.pctTrain`, and records the value
 * the optimizer used in `hps` at after_batch (fastai keeps them as `recorder.hps`; here they stay on
 * the scheduler). Muted in validation (`runValid = false`). Added mid-fit, it takes over at the
 * next batch from the current position in training. Schedules given as a function of the Learner
 * are made again at each before_fit (or at the first batch when added mid-fit).
 */
export class ParamScheduler extends Callback {
  override order = 60;
  override runValid = false;
  /** Values used at each training batch of the last fit, per hyper-parameter. */
  hps: Partial<Record<HyperName, number[]>> = {};

  scheds: Scheds;
  private readonly make: ((learn: Learner) => Scheds) | null;
  private made = false;

  constructor(scheds: SchedsArg) {
    super();
    this.make = typeof scheds === 'function' ? scheds : null;
    this.scheds = typeof scheds === 'function' ? {} : scheds;
  }

  before_fit(): void {
    this.hps = {};
    this.made = false;
  }

  before_batch(): void {
    this.updateVal(this.learn!.pctTrain);
  }

  after_batch(): void {
    const hypers = this.learn!.opt!.hypers;
    for (const name of this.names()) (this.hps[name] ??= []).push(hypers[name]);
  }

  /** Sets every scheduled hyper-parameter to its value at `pct`. */
  protected updateVal(pct: number): void {
    if (this.make && !this.made) this.scheds = this.make(this.learn!);
    this.made = true;
    const values: Partial<Hypers> = {};
    for (const name of this.names()) values[name] = this.scheds[name]!(pct);
    this.learn!.opt!.setHypers(values);
  }

  private names(): HyperName[] {
    return Object.keys(this.scheds) as HyperName[];
  }
}

export interface OneCycleOptions {
  /** Peak learning rate (default: `learn.lr`). */
  lrMax?: number;
  div?: number;
  divFinal?: number;
  pctStart?: number;
  /** Momentum (Adam's beta1) at the start, the peak of lr, and the end; null leaves momentum alone. */
  moms?: readonly [number, number, number] | null;
}

/** fastai's 1cycle schedules: lr lrMax/div → lrMax → lrMax/divFinal and momentum high → low → high, both cosine. */
export function oneCycleScheds(lrMax: number, o: OneCycleOptions = {}): Scheds {
  const { div = 25, divFinal = 1e5, pctStart = 0.25, moms = [0.95, 0.85, 0.95] } = o;
  const scheds: Scheds = { lr: combinedCos(pctStart, lrMax / div, lrMax, lrMax / divFinal) };
  if (moms) scheds.mom = combinedCos(pctStart, ...moms);
  return scheds;
}

/** fastai's flat-cos schedule: lr flat for pctStart of training, then cosine down to lr/divFinal. */
export function flatCosScheds(lr: number, o: { divFinal?: number; pctStart?: number } = {}): Scheds {
  const { divFinal = 1e5, pctStart = 0.75 } = o;
  return { lr: combinedCos(pctStart, lr, lr, lr / divFinal) };
}

interface FitExtras {
  wd?: number;
  cbs?: CbArg[];
  resetOpt?: boolean;
  /** Resume at this epoch (fastai's `start_epoch`: SkipToEpoch; the schedule starts at pct startEpoch/nEpoch). */
  startEpoch?: number;
}

/** fastai's `Learner.fit_one_cycle`: a fit with a one-cycle ParamScheduler added for this fit only. */
export async function fitOneCycle(learn: Learner, nEpoch: number, o: OneCycleOptions & FitExtras = {}): Promise<void> {
  const lrMax = o.lrMax ?? learn.lr;
  const sched = new ParamScheduler(oneCycleScheds(lrMax, o));
  await learn.fit(nEpoch, { lr: lrMax, wd: o.wd, resetOpt: o.resetOpt, startEpoch: o.startEpoch, cbs: [sched, ...(o.cbs ?? [])] });
}

/**
 * fastai's `Learner.fit_flat_cos`: flat lr, then cosine annealing, for this fit only. `startEpoch`
 * resumes as in fitOneCycle (fastai 2.7.18 takes `start_epoch` here but passes 0 to `fit`).
 */
export async function fitFlatCos(
  learn: Learner,
  nEpoch: number,
  o: { lr?: number; divFinal?: number; pctStart?: number } & FitExtras = {},
): Promise<void> {
  const lr = o.lr ?? learn.lr;
  const sched = new ParamScheduler(flatCosScheds(lr, o));
  await learn.fit(nEpoch, { lr, wd: o.wd, resetOpt: o.resetOpt, startEpoch: o.startEpoch, cbs: [sched, ...(o.cbs ?? [])] });
}
