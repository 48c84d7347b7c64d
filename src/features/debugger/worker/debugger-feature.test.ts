// The debugger feature as the page drives it: messages in (breakpoints, commands, pause now, stop),
// 'debug:paused' / 'debug:resumed' out. A scripted page answers each pause with the next command.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Callback, type Learner } from '../../../learner';
import { disposeLearner, makeLearner, useCpuBackend, type FixtureOptions } from '../../../learner/fixtures.test.util';
import type { DebugBreakpoint, DebugCommand, DebugEvent, DebugPause } from '../messages';
import type { PageToWorker, WorkerToPage } from '../../messages';
import type { Session } from '../../run/worker/session';
import { DebuggerFeature } from './debugger-feature';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

type Script = (pause: DebugPause, n: number) => PageToWorker | null;

/** A feature on a stand-in session whose page answers every pause with `script` (null: answer later). */
function page(script: Script) {
  const sent: WorkerToPage[] = [];
  const pauses: DebugPause[] = [];
  const send = (msg: WorkerToPage) => {
    sent.push(msg);
    if (msg.type !== 'debug:paused') return;
    pauses.push(msg.pause);
    const reply = script(msg.pause, pauses.length - 1);
    // As a real page: the reply arrives as a later message, not inside the pause.
    if (reply) setTimeout(() => void post(reply), 0);
  };
  const feature = new DebuggerFeature(send);
  const session = { training: true, send } as unknown as Session;
  /** A page message as the session routes it: 'stop' tells every feature it is stopping. */
  const post = (msg: PageToWorker) => {
    if (msg.type === 'stop') return feature.stopping();
    const handler = feature.handlers[msg.type as keyof DebuggerFeature['handlers']] as (m: PageToWorker, s: Session) => void;
    return handler(msg, session);
  };
  const fit = async (epochs: number, o: FixtureOptions = {}) => {
    const learn = makeLearner(o);
    live.push(learn);
    feature.attach(learn, session);
    try {
      await learn.fit(epochs);
    } finally {
      feature.detach(learn, session);
    }
    return learn;
  };
  return { sent, pauses, post, fit, events: () => pauses.map((p) => p.snapshot.event) };
}

const cmd = (command: DebugCommand): PageToWorker => ({ type: 'debug:command', command });
const bp = (event: DebugEvent, conditions: DebugBreakpoint['conditions'] = [], enabled = true): DebugBreakpoint => ({
  id: event,
  event,
  enabled,
  conditions,
});
const TRAIN_BATCH: DebugEvent[] = [
  'before_batch',
  'after_pred',
  'after_loss',
  'before_backward',
  'after_backward',
  'before_step',
  'after_step',
  'after_batch',
];

describe('DebuggerFeature', () => {
  it('a breakpoint at after_loss, then step to after_batch: fastai’s sequence, each stop plain data with its catchable cancels', async () => {
    const p = page((pause) => (pause.snapshot.event === 'after_batch' ? cmd({ kind: 'continue' }) : cmd({ kind: 'step' })));
    p.post({
      type: 'debug:breakpoints',
      breakpoints: [
        bp('after_loss', [
          { kind: 'iter', op: 'eq', value: 0 },
          { kind: 'phase', phase: 'train' },
        ]),
      ],
    });
    const learn = await p.fit(1);
    expect(p.events()).toEqual(TRAIN_BATCH.slice(2));
    expect(p.pauses[0].reason).toBe('breakpoint: after_loss when iter = 0 and training');
    expect(p.pauses.find((x) => x.snapshot.event === 'before_step')!.cancels).toEqual([
      'CancelStepException',
      'CancelBatchException',
      'CancelTrainException',
      'CancelEpochException',
      'CancelFitException',
    ]);
    const atStep = p.pauses.find((x) => x.snapshot.event === 'after_step')!;
    expect(atStep.snapshot.updateNorms?.length).toBe(2);
    expect(atStep.timeline.map((e) => e.event)).toEqual(['before_fit', 'before_epoch', 'before_train', ...TRAIN_BATCH.slice(0, 7)]);
    expect(structuredClone(atStep)).toEqual(atStep); // plain data
    // Every pause was followed by a resume, and the run went on to the end.
    expect(p.sent.filter((m) => m.type === 'debug:resumed')).toHaveLength(p.pauses.length);
    expect(learn.recorder!.values).toHaveLength(1);
    expect(learn.monitor).toBeNull();
  });

  it('an injected CancelBatchException at before_step shows after_cancel_batch, then after_batch', async () => {
    const p = page((pause) => {
      const e = pause.snapshot.event;
      if (e === 'before_step') return cmd({ kind: 'cancel', exception: 'CancelBatchException' });
      return cmd({ kind: e === 'after_batch' ? 'continue' : 'step' });
    });
    p.post({ type: 'debug:breakpoints', breakpoints: [bp('before_step', [{ kind: 'iter', op: 'eq', value: 1 }])] });
    await p.fit(1);
    expect(p.events()).toEqual(['before_step', 'after_cancel_batch', 'after_batch']);
    expect(p.pauses[1].timeline.find((e) => e.event === 'before_step')!.callbacks.at(-1)).toMatchObject({
      name: 'debugger',
      changes: ['raised CancelBatchException'],
    });
  });

  it('refuses a cancel that is not caught at the current event (it would escape fit)', async () => {
    const p = page((pause, n) =>
      n === 0
        ? cmd({ kind: 'cancel', exception: 'CancelStepException' })
        : cmd({ kind: pause.snapshot.event === 'after_pred' ? 'continue' : 'step' }),
    );
    p.post({
      type: 'debug:breakpoints',
      breakpoints: [
        bp('after_pred', [
          { kind: 'iter', op: 'eq', value: 0 },
          { kind: 'phase', phase: 'train' },
        ]),
      ],
    });
    const done = p.fit(1);
    await vitestWaitFor(() => p.sent.some((m) => m.type === 'error'));
    expect(p.sent.find((m) => m.type === 'error')).toMatchObject({ message: /CancelStepException is not caught/ });
    p.post(cmd({ kind: 'continue' }));
    await done;
    expect(p.events()).toEqual(['after_pred']);
  });

  it('next batch, next epoch, continue; breakpoints kept between runs; disabled ones ignored', async () => {
    const script: DebugCommand[] = [{ kind: 'nextBatch' }, { kind: 'nextEpoch' }, { kind: 'continue' }];
    const p = page((_, n) => cmd(script[n % 3]));
    p.post({
      type: 'debug:breakpoints',
      breakpoints: [bp('before_train', [{ kind: 'epoch', op: 'eq', value: 0 }]), bp('after_step', [], false)],
    });
    await p.fit(2);
    await p.fit(2);
    const where = p.pauses.map((x) => `${x.snapshot.event}@${x.snapshot.epoch}.${x.snapshot.iter}`);
    expect(where).toEqual([
      'before_train@0.0',
      'before_batch@0.0',
      'before_epoch@1.0',
      'before_train@0.0',
      'before_batch@0.0',
      'before_epoch@1.0',
    ]);
  });

  it('pause now stops at the next event; stop while paused lets the loop run to its end', async () => {
    const p = page(() => null);
    const learn = makeLearner({ trainBatches: 3, validBatches: 2 });
    live.push(learn);
    const send = (m: WorkerToPage) => void p.sent.push(m);
    const session = { training: true, send } as unknown as Session;
    const feature = new DebuggerFeature(send);
    feature.attach(learn, session);
    feature.handlers['debug:pauseNow']({ type: 'debug:pauseNow' }, session);
    const done = learn.fit(3);
    await vitestWaitFor(() => p.sent.some((m) => m.type === 'debug:paused'));
    expect(p.sent[0]).toMatchObject({ type: 'debug:paused', pause: { reason: 'paused', snapshot: { event: 'before_fit' } } });
    feature.stopping(); // as the session does on 'stop', before it stops the run
    await done;
    feature.detach(learn, session);
    expect(p.sent.map((m) => m.type)).toEqual(['debug:paused', 'debug:resumed']);
    expect(learn.recorder!.values).toHaveLength(3);
  });

  it('lr and wd set while paused reach the optimizer as the loop resumes, with a line in the run’s timeline', async () => {
    /** The lr each optimizer step runs with, per (epoch, iter). */
    const lrs: string[] = [];
    class LrAtStep extends Callback {
      before_step(): void {
        const l = this.learn!;
        lrs.push(`${l.epoch}.${l.iter}: ${l.opt!.hypers.lr}`);
      }
    }
    const p = page((pause, n) => {
      if (n > 0) return cmd({ kind: 'continue' });
      expect(pause.snapshot.hypers).toMatchObject({ lr: 0.05, wd: 0 });
      p.post({ type: 'debug:setHypers', hypers: { lr: 0.02 } });
      p.post({ type: 'debug:setHypers', hypers: { lr: 0.01, wd: 0.1 } }); // the latest wins
      return cmd({ kind: 'continue' });
    });
    p.post({
      type: 'debug:breakpoints',
      breakpoints: [
        bp('after_loss', [
          { kind: 'epoch', op: 'eq', value: 2 },
          { kind: 'iter', op: 'eq', value: 1 },
          { kind: 'phase', phase: 'train' },
        ]),
      ],
    });
    const learn = await p.fit(3, { lr: 0.05, wd: 0, trainBatches: 3, cbs: [new LrAtStep()] });
    expect(lrs).toEqual([
      ...['0.0', '0.1', '0.2', '1.0', '1.1', '1.2', '2.0'].map((at) => `${at}: 0.05`),
      '2.1: 0.01', // the step of the batch it paused in
      '2.2: 0.01',
    ]);
    expect(learn.opt!.hypers).toMatchObject({ lr: 0.01, wd: 0.1 });
    const timeline = p.sent.filter((m) => m.type === 'callback-timeline');
    expect(timeline).toEqual([
      {
        type: 'callback-timeline',
        entry: {
          kind: 'params',
          name: 'optimizer',
          text: 'lr 0.05 → 0.01, wd 0 → 0.1 at epoch 3, iter 2, while paused',
          epoch: 2,
          iter: 1,
          trainIter: 7,
          training: true,
        },
      },
    ]);
    // Sent before the resume it applies at.
    expect(p.sent.findIndex((m) => m.type === 'callback-timeline')).toBeLessThan(p.sent.findIndex((m) => m.type === 'debug:resumed'));
  });

  it('refuses hyper-parameters when not paused, and invalid ones (nothing changes)', async () => {
    const p = page((_, n) => {
      if (n === 0) {
        p.post({ type: 'debug:setHypers', hypers: { lr: -1 } });
        p.post({ type: 'debug:setHypers', hypers: { mom: 1 } });
        p.post({ type: 'debug:setHypers', hypers: { wd: Number.NaN } });
        p.post({ type: 'debug:setHypers', hypers: { lr: '0.1' as unknown as number } });
      }
      return cmd({ kind: 'continue' });
    });
    p.post({ type: 'debug:setHypers', hypers: { lr: 0.5 } }); // no run: refused
    p.post({ type: 'debug:breakpoints', breakpoints: [bp('before_batch', [{ kind: 'iter', op: 'eq', value: 0 }])] });
    const learn = await p.fit(1, { lr: 0.05 });
    p.post({ type: 'debug:setHypers', hypers: { lr: 0.5 } }); // the run is over: refused
    const errors = p.sent.flatMap((m) => (m.type === 'error' ? [m.message] : []));
    expect(errors).toEqual([
      'Hyper-parameters can be changed only while the loop is paused',
      'lr must be > 0: hyper-parameters not changed',
      'mom must be in [0, 1): hyper-parameters not changed',
      'wd must be a finite number: hyper-parameters not changed',
      'lr must be a number: hyper-parameters not changed',
      'Hyper-parameters can be changed only while the loop is paused',
    ]);
    expect(learn.opt!.hypers.lr).toBe(0.05);
    expect(p.sent.some((m) => m.type === 'callback-timeline')).toBe(false);
  });

  it('stepping is quick on the cpu backend and leaks no tensor', async () => {
    live.splice(0).forEach(disposeLearner);
    const before = tf.memory().numTensors;
    const p = page((pause) => cmd({ kind: pause.snapshot.event === 'after_fit' ? 'continue' : 'step' }));
    p.post({ type: 'debug:breakpoints', breakpoints: [bp('before_fit')] });
    const t0 = performance.now();
    const learn = await p.fit(2, { trainBatches: 3, validBatches: 2 });
    const perStop = (performance.now() - t0) / p.pauses.length;
    console.log(`debugger: ${p.pauses.length} stops, ${perStop.toFixed(1)} ms per stop (step to the next event shown) on the cpu backend`);
    expect(p.pauses.length).toBe(2 + 2 * (2 + 3 * 8 + 2 + 2 * 4 + 2)); // every event of the fit
    expect(perStop).toBeLessThan(100);
    learn.opt?.dispose();
    live.splice(0).forEach(disposeLearner);
    expect(tf.memory().numTensors).toBe(before);
  });
});

async function vitestWaitFor(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
