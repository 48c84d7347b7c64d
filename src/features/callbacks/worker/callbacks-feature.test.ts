import { beforeAll, describe, expect, it } from 'vitest';
import { GradientClip } from '../../../callbacks/gradient-clip';
import { LoopControl } from '../../../callbacks/loop-control';
import { ParamScheduler } from '../../../callbacks/param-scheduler';
import { Callback, type Learner } from '../../../learner';
import { disposeLearner, makeLearner, useCpuBackend } from '../../../learner/fixtures.test.util';
import type { WorkerToPage } from '../../messages';
import type { Session } from '../../run/worker/session';
import type { ParamValues } from '../messages';
import { CallbacksFeature, paramChanges, type CallbacksHost } from './callbacks-feature';

beforeAll(useCpuBackend);

type Msg<T extends WorkerToPage['type']> = Extract<WorkerToPage, { type: T }>;
const of = <T extends WorkerToPage['type']>(sent: WorkerToPage[], type: T) => sent.filter((m): m is Msg<T> => m.type === type);

/** A session stand-in: one Learner fitted with a LoopControl, as Session.train does. */
function host(learn: Learner | null = null, control: LoopControl | null = null): CallbacksHost {
  return {
    betweenBatches: (action) => {
      if (!learn || !control) return false;
      control.enqueue(() => action(learn));
      return true;
    },
  };
}
/** The page's 'callback-set' message, through the feature's handler. */
const set = (f: CallbacksFeature, m: { name: string; enabled: boolean; params: ParamValues }, h: CallbacksHost) =>
  f.handlers['callback-set']({ type: 'callback-set', ...m }, h as unknown as Session);

describe('CallbacksFeature', () => {
  it('sends the catalog and the default training loop at boot', () => {
    const sent: WorkerToPage[] = [];
    new CallbacksFeature((m) => sent.push(m));
    const catalog = of(sent, 'callback-catalog')[0].callbacks;
    expect(catalog.find((c) => c.name === 'Recorder')).toMatchObject({ kind: 'default', order: 50 });
    expect(catalog.find((c) => c.name === 'GradientClip')).toMatchObject({
      kind: 'optional',
      order: 11,
      events: ['before_fit', 'before_step', 'after_train', 'after_epoch', 'after_fit'],
    });
    expect(catalog.find((c) => c.name === 'LRFinder')?.kind).toBe('action');
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog); // plain data
    const state = of(sent, 'callback-state')[0];
    expect(state.choices.GradientClip).toEqual({ enabled: false, params: { maxNorm: 1 } });
    const afterBatch = state.loop.find((l) => l.kind === 'event' && l.event === 'after_batch' && l.phase === 'train');
    expect(afterBatch).toMatchObject({
      callbacks: ['TrainEvalCallback', 'Recorder', 'UserLog', 'StreamCallback', 'PicturesCallback', 'LoopControl'],
    });
  });

  it('updates show_training_loop when a callback is switched on while idle, and refuses bad parameters with the registry message', () => {
    const sent: WorkerToPage[] = [];
    const f = new CallbacksFeature((m) => sent.push(m));
    set(f, { name: 'GradientClip', enabled: true, params: { maxNorm: 0.5 } }, host());
    const state = of(sent, 'callback-state').at(-1)!;
    expect(state.choices.GradientClip).toEqual({ enabled: true, params: { maxNorm: 0.5 } });
    expect(state.loop.find((l) => l.kind === 'event' && l.event === 'before_step')).toMatchObject({ callbacks: ['GradientClip'] });
    set(f, { name: 'GradientClip', enabled: true, params: { maxNorm: -1 } }, host());
    expect(of(sent, 'callback-refused').at(-1)).toEqual({
      type: 'callback-refused',
      name: 'GradientClip',
      message: 'GradientClip: maxNorm: must be in [0.0001, 10000]',
    });
    set(f, { name: 'Recorder', enabled: false, params: {} }, host());
    expect(of(sent, 'callback-refused').at(-1)?.message).toMatch(/not a callback that can be switched/);
    expect(of(sent, 'callback-state').at(-1)!.choices.GradientClip.params.maxNorm).toBe(0.5); // the refused one changed nothing
  });

  it('adds the enabled callbacks to each new Learner and removes (disposes) them at the end', async () => {
    const sent: WorkerToPage[] = [];
    const f = new CallbacksFeature((m) => sent.push(m));
    f.set('GradientClip', true, { maxNorm: 2 }, host());
    const learn = makeLearner();
    f.attach(learn);
    expect(learn.cb(GradientClip)?.maxNorm).toBe(2);
    expect(of(sent, 'callback-timeline').at(-1)?.entry).toMatchObject({ kind: 'start', text: 'Run starts with GradientClip' });
    await learn.fit(1);
    f.detach(learn);
    expect(learn.cb(GradientClip)).toBeUndefined();
    disposeLearner(learn);
  });

  it('applies a toggle and a parameter change mid-fit between batches, logs them, and the lr follows', async () => {
    const sent: WorkerToPage[] = [];
    const f = new CallbacksFeature((m) => sent.push(m));
    const control = new LoopControl();
    const learn = makeLearner({ trainBatches: 3, validBatches: 1, lr: 0.1, cbs: [control] });
    const h = host(learn, control);
    const lrs: number[] = [];
    const seen: { iter: number; clip: boolean; sched: boolean }[] = [];
    class Driver extends Callback {
      override order = -100;
      before_batch() {
        const l = this.learn!;
        if (!l.training) return;
        seen.push({ iter: l.trainIter, clip: !!l.cb(GradientClip), sched: !!l.cb(ParamScheduler) });
        // messages arriving in the middle of a batch
        if (l.trainIter === 1) f.set('GradientClip', true, { maxNorm: 1 }, h);
        if (l.trainIter === 3) f.set('ParamScheduler', true, { schedule: 'flat_cos', lrMax: 0.01, pctStart: 0.75 }, h);
        if (l.trainIter === 5) f.set('ParamScheduler', true, { schedule: 'flat_cos', lrMax: 0.03, pctStart: 0.75 }, h);
        if (l.trainIter === 7) f.set('GradientClip', false, { maxNorm: 1 }, h);
      }
      after_step() {
        lrs.push(this.learn!.opt!.hypers.lr);
      }
    }
    learn.addCb(new Driver());
    f.attach(learn);
    await learn.fit(3);
    f.detach(learn);
    // each change applies from the next batch on, never inside the batch that received it
    expect(seen.map((s) => s.clip)).toEqual([false, false, true, true, true, true, true, true, false]);
    expect(seen.map((s) => s.sched)).toEqual([false, false, false, false, true, true, true, true, true]);
    expect(lrs.slice(0, 4)).toEqual([0.1, 0.1, 0.1, 0.1]);
    expect(lrs[4]).toBeCloseTo(0.01, 6); // flat part of flat_cos (pct 4/9 < 0.75)
    expect(lrs[6]).toBeCloseTo(0.03, 6); // pct 6/9
    const texts = of(sent, 'callback-timeline').map((m) => m.entry.text);
    expect(texts).toEqual([
      'Run starts with the default callbacks only',
      'GradientClip on at epoch 1, iter 2',
      'ParamScheduler on at epoch 2, iter 1',
      'ParamScheduler lrMax 0.01 → 0.03 at epoch 2, iter 3',
      'GradientClip off at epoch 3, iter 2',
    ]);
    const entries = of(sent, 'callback-timeline').map((m) => m.entry);
    expect(entries[1]).toMatchObject({ kind: 'on', name: 'GradientClip', epoch: 0, iter: 1, trainIter: 2, training: true });
    // the loop sent after the change shows it
    const loops = of(sent, 'callback-state').map((m) => m.loop.find((l) => l.kind === 'event' && l.event === 'before_step'));
    expect(loops.some((l) => l?.kind === 'event' && l.callbacks.includes('GradientClip'))).toBe(true);
    expect(learn.cbs.some((c) => c instanceof GradientClip || c instanceof ParamScheduler)).toBe(false);
    disposeLearner(learn);
  });

  it('formats parameter changes', () => {
    expect(paramChanges({ lrMax: 0.01, moms: true, div: 25 }, { lrMax: 0.03, moms: false, div: 25 })).toEqual([
      'lrMax 0.01 → 0.03',
      'moms true → false',
    ]);
    expect(paramChanges({ startLr: 1e-7 }, { startLr: 1e-6 })).toEqual(['startLr 1e-7 → 0.000001']);
    expect(paramChanges({ lrMax: '' }, { lrMax: 0.03 })).toEqual(['lrMax (empty) → 0.03']);
  });
});
