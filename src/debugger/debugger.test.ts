// The pause/step protocol: a scripted "debugger" drives the Learner event by event.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_EXCEPTIONS, EVENTS, type CancelExceptionName, type EventName, type Learner } from '../learner';
import { disposeLearner, makeLearner, useCpuBackend, weightValues } from '../learner/fixtures.test.util';
import { LoopDebugger, catchableCancels, type DebugCommand, type PauseInfo } from './index';

beforeAll(useCpuBackend);
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

function learner(trainBatches = 2, validBatches = 1): Learner {
  const learn = makeLearner({ trainBatches, validBatches });
  live.push(learn);
  return learn;
}

/** Attaches a debugger that answers every pause with `script(info)` and records the pauses. */
function scripted(learn: Learner, script: (info: PauseInfo, n: number) => DebugCommand) {
  const pauses: PauseInfo[] = [];
  const dbg = new LoopDebugger(learn, (info) => {
    pauses.push(info);
    dbg.command(script(info, pauses.length - 1));
  }).attach();
  return { dbg, pauses, events: () => pauses.map((p) => p.snapshot.event) };
}

const TRAIN_BATCH: EventName[] = [
  'before_batch',
  'after_pred',
  'after_loss',
  'before_backward',
  'after_backward',
  'before_step',
  'after_step',
  'after_batch',
];
const VALID_BATCH: EventName[] = ['before_batch', 'after_pred', 'after_loss', 'after_batch'];

describe('stepping', () => {
  it('stepping from the start visits exactly fastai’s event sequence', async () => {
    const learn = learner(2, 1);
    const { dbg, events } = scripted(learn, () => ({ kind: 'step' }));
    dbg.requestPause();
    await learn.fit(1);
    expect(events()).toEqual([
      'before_fit',
      'before_epoch',
      'before_train',
      ...TRAIN_BATCH,
      ...TRAIN_BATCH,
      'after_train',
      'before_validate',
      ...VALID_BATCH,
      'after_validate',
      'after_epoch',
      'after_fit',
    ]);
  });

  it('next batch and next epoch stop at before_batch and before_epoch; continue runs to the end', async () => {
    const learn = learner(2, 1);
    const script: DebugCommand[] = [{ kind: 'nextBatch' }, { kind: 'nextBatch' }, { kind: 'nextEpoch' }, { kind: 'continue' }];
    const { dbg, pauses } = scripted(learn, (_, n) => script[n]);
    dbg.requestPause();
    await learn.fit(2);
    expect(pauses.map((p) => [p.snapshot.event, p.snapshot.epoch, p.snapshot.iter, p.snapshot.training])).toEqual([
      ['before_fit', 0, 0, false],
      ['before_batch', 0, 0, true],
      ['before_batch', 0, 1, true],
      ['before_epoch', 1, 0, false], // iter is still the last validation batch's
    ]);
    expect(learn.recorder!.values).toHaveLength(2);
  });

  it('conditional breakpoints: after_loss while training from epoch 1 on', async () => {
    const learn = learner(2, 1);
    const { dbg, pauses } = scripted(learn, () => ({ kind: 'continue' }));
    dbg.breakpoints = [
      {
        id: 'a',
        event: 'after_loss',
        enabled: true,
        conditions: [
          { kind: 'phase', phase: 'train' },
          { kind: 'epoch', op: 'gte', value: 1 },
        ],
      },
      { id: 'b', event: 'after_step', enabled: false, conditions: [] },
    ];
    await learn.fit(3);
    expect(pauses.map((p) => `${p.snapshot.epoch}.${p.snapshot.iter}`)).toEqual(['1.0', '1.1', '2.0', '2.1']);
    expect(pauses[0].reason).toBe('breakpoint: after_loss when training and epoch ≥ 1');
  });

  it('a loss condition reads the loss only where asked and stops on it', async () => {
    const learn = learner(2, 1);
    const { dbg, pauses } = scripted(learn, () => ({ kind: 'continue' }));
    dbg.breakpoints = [
      {
        id: 'a',
        event: 'after_loss',
        enabled: true,
        conditions: [
          { kind: 'lossAbove', value: -1 },
          { kind: 'phase', phase: 'valid' },
        ],
      },
    ];
    await learn.fit(1);
    expect(pauses).toHaveLength(1);
    expect(pauses[0].snapshot.loss).toBeCloseTo(learn.recorder!.values[0].validLoss!, 5);
  });
});

describe('injected cancels', () => {
  it('CancelBatchException at before_step: after_cancel_batch then after_batch, and no step', async () => {
    const learn = learner(2, 1);
    let weightsAtBreak: number[][] = [];
    const { dbg, events } = scripted(learn, (info) => {
      if (info.snapshot.event === 'before_step') {
        weightsAtBreak = weightValues(learn.model);
        return { kind: 'cancel', exception: 'CancelBatchException' };
      }
      if (info.snapshot.event === 'after_batch') {
        expect(weightValues(learn.model)).toEqual(weightsAtBreak);
        return { kind: 'continue' };
      }
      return { kind: 'step' };
    });
    dbg.breakpoints = [{ id: 'a', event: 'before_step', enabled: true, conditions: [{ kind: 'iter', op: 'eq', value: 0 }] }];
    await learn.fit(1);
    expect(events()).toEqual(['before_step', 'after_cancel_batch', 'after_batch']);
  });

  it('every injectable cancel is caught exactly where catchableCancels says, at every event', async () => {
    const visited = new Set<EventName>();
    for (const event of EVENTS) {
      for (const name of Object.keys(CANCEL_EXCEPTIONS) as CancelExceptionName[]) {
        const learn = learner(1, 1);
        let trainingAtBreak: boolean | null = null;
        const { dbg } = scripted(learn, (info) => {
          if (trainingAtBreak !== null) return { kind: 'continue' };
          trainingAtBreak = info.snapshot.training;
          return { kind: 'cancel', exception: name };
        });
        dbg.breakpoints = [{ id: 'x', event, enabled: true, conditions: [] }];
        const outcome = await learn.fit(1).then(
          () => 'caught',
          (e: unknown) => (e instanceof CANCEL_EXCEPTIONS[name] ? 'escaped' : String(e)),
        );
        if (trainingAtBreak === null) continue; // this event never happens in a plain fit
        visited.add(event);
        expect([event, name, outcome]).toEqual([
          event,
          name,
          catchableCancels(event, trainingAtBreak).includes(name) ? 'caught' : 'escaped',
        ]);
        disposeLearner(live.pop()!);
      }
    }
    expect(visited.size).toBe(16); // the 24 events minus after_create and the 7 after_cancel_* events
  });
});

describe('what a stop shows', () => {
  it('gradient, parameter and update norms match the tensors', async () => {
    const learn = learner(1, 1);
    const checks: string[] = [];
    const l2 = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
    let before: number[][] = [];
    const { dbg } = scripted(learn, ({ snapshot: s }) => {
      if (s.event === 'before_step') before = weightValues(learn.model);
      if (s.event === 'after_backward') {
        learn.grads!.forEach((g, i) => expect(s.gradNorms![i].norm).toBeCloseTo(l2(g.dataSync()), 5));
        expect(s.loss).toBeCloseTo(learn.loss!.dataSync()[0], 6);
        expect(s.xb).toEqual([{ shape: [2, 2], dtype: 'float32' }]);
        expect(s.preview).toMatchObject({ n: 2, rowShape: [2], labels: Array.from(learn.yb[0].dataSync()) });
        checks.push('grads');
      }
      if (s.event === 'after_step') {
        const after = weightValues(learn.model);
        after.forEach((w, i) => expect(s.updateNorms![i].norm).toBeCloseTo(l2(w.map((v, j) => v - before[i][j])), 5));
        after.forEach((w, i) => expect(s.paramNorms[i].norm).toBeCloseTo(l2(w), 5));
        checks.push('update');
        return { kind: 'continue' };
      }
      return { kind: 'step' };
    });
    dbg.breakpoints = [{ id: 'a', event: 'after_backward', enabled: true, conditions: [] }];
    await learn.fit(1);
    expect(checks).toEqual(['grads', 'update']);
  });

  it('the timeline lists the callbacks that ran at each event, in order, with what they changed', async () => {
    const learn = learner(1, 1);
    const { dbg, pauses } = scripted(learn, () => ({ kind: 'continue' }));
    dbg.breakpoints = [{ id: 'a', event: 'after_batch', enabled: true, conditions: [{ kind: 'phase', phase: 'train' }] }];
    await learn.fit(1);
    const timeline = pauses[0].timeline;
    expect(timeline.map((e) => e.event)).toEqual(['before_fit', 'before_epoch', 'before_train', ...TRAIN_BATCH]);
    const at = (e: EventName) => timeline.find((t) => t.event === e)!.callbacks;
    expect(at('before_train').map((c) => [c.name, c.changes])).toEqual([['TrainEvalCallback', ['training → true']]]);
    expect(at('before_fit').map((c) => c.name)).toEqual(['TrainEvalCallback', 'Recorder']);
    expect(at('after_batch')).toEqual([]); // the stop is before after_batch's callbacks run
    expect(pauses[0].profile.map((p) => p.name).sort()).toEqual(['Recorder', 'TrainEvalCallback']);
  });

  it('stepping through a fit leaks no tensor', async () => {
    const learn = learner(2, 1);
    await learn.fit(1); // optimizer state exists before counting
    const before = tf.memory().numTensors;
    const { dbg } = scripted(learn, () => ({ kind: 'step' }));
    dbg.requestPause();
    await learn.fit(2);
    dbg.detach();
    expect(tf.memory().numTensors).toBe(before);
    expect(learn.monitor).toBeNull();
  });
});
