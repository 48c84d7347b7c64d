// Step over / step out / run to, driven through a real fit: where each command lands, and the stack
// a stop shows (the model's loopStack, and the Learner frames V8 reports at that stop).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CancelBatchException, CancelEpochException, type CbArg, type EventName, type Learner } from '../learner';
import { Canceller, disposeLearner, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import type { DebugCondition } from '../shared/debug';
import { loopStack } from '../shared/loop-source';
import { learnerFrames } from '../shared/v8-frames.test.util';
import { LoopDebugger, type DebugCommand, type PauseInfo } from './index';

let limit: number;
beforeAll(async () => {
  await useCpuBackend();
  limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 200;
});
afterAll(() => {
  Error.stackTraceLimit = limit;
});
const live: Learner[] = [];
afterEach(() => live.splice(0).forEach(disposeLearner));

interface Stop {
  event: EventName;
  epoch: number;
  iter: number;
  training: boolean;
  reason: string;
  info: PauseInfo;
  v8: string[];
}

interface Drive {
  /** The breakpoint the first stop comes from. */
  at: EventName;
  when?: DebugCondition[];
  /** The commands answering the first stops, in order; any later stop gets `continue`. */
  cmds: DebugCommand[];
  trainBatches?: number;
  validBatches?: number;
  epochs?: number;
  cbs?: CbArg[];
  /** Kept after the first stop (by default it is removed, so it cannot be what a command lands on). */
  keepBreakpoint?: boolean;
  extraBreakpoint?: EventName;
}

/** Runs a fit that stops at `at`, answers with `cmds`, and returns every stop. */
async function drive(d: Drive): Promise<Stop[]> {
  const learn = makeLearner({ trainBatches: d.trainBatches ?? 2, validBatches: d.validBatches ?? 1, cbs: d.cbs ?? [] });
  live.push(learn);
  const stops: Stop[] = [];
  const dbg = new LoopDebugger(learn, (info) => {
    const s = info.snapshot;
    stops.push({
      event: s.event,
      epoch: s.epoch,
      iter: s.iter,
      training: s.training,
      reason: info.reason,
      info,
      v8: learnerFrames(new Error().stack ?? ''),
    });
    if (!d.keepBreakpoint) dbg.breakpoints = dbg.breakpoints.filter((bp) => bp.id !== 'start');
    dbg.command(d.cmds[stops.length - 1] ?? { kind: 'continue' });
  }).attach();
  dbg.breakpoints = [{ id: 'start', event: d.at, enabled: true, conditions: d.when ?? [] }];
  if (d.extraBreakpoint) dbg.breakpoints.push({ id: 'extra', event: d.extraBreakpoint, enabled: true, conditions: [] });
  await learn.fit(d.epochs ?? 1);
  return stops;
}

const where = (s: Stop) => `${s.event} e${s.epoch} i${s.iter}${s.training ? '' : ' valid'}`;
const TRAIN: DebugCondition = { kind: 'phase', phase: 'train' };
const VALID: DebugCondition = { kind: 'phase', phase: 'valid' };
const iter = (value: number): DebugCondition => ({ kind: 'iter', op: 'eq', value });
const over: DebugCommand = { kind: 'stepOver' };
const out: DebugCommand = { kind: 'stepOut' };

describe('step over', () => {
  it('over before_backward lands on before_step', async () => {
    const stops = await drive({ at: 'before_backward', when: [iter(0)], cmds: [over] });
    expect(stops.slice(0, 2).map(where)).toEqual(['before_backward e0 i0', 'before_step e0 i0']);
    expect(stops[1].reason).toBe('step over');
  });

  it('over after_step lands on after_batch', async () => {
    const stops = await drive({ at: 'after_step', when: [iter(0)], cmds: [over] });
    expect(stops.slice(0, 2).map(where)).toEqual(['after_step e0 i0', 'after_batch e0 i0']);
  });

  it('over before_batch lands on the next batch’s before_batch, and after the last training batch on after_train', async () => {
    const first = await drive({ at: 'before_batch', when: [iter(0), TRAIN], cmds: [over] });
    expect(first.slice(0, 2).map(where)).toEqual(['before_batch e0 i0', 'before_batch e0 i1']);
    const last = await drive({ at: 'before_batch', when: [iter(1), TRAIN], cmds: [over] });
    expect(last.slice(0, 2).map(where)).toEqual(['before_batch e0 i1', 'after_train e0 i1']);
  });

  it('over the next line: after_loss → before_backward, after_backward → before_step, after_train → before_validate', async () => {
    const a = await drive({ at: 'after_loss', when: [iter(0), TRAIN], cmds: [over] });
    expect(a.slice(0, 2).map((s) => s.event)).toEqual(['after_loss', 'before_backward']);
    const b = await drive({ at: 'after_backward', when: [iter(0)], cmds: [over] });
    expect(b.slice(0, 2).map((s) => s.event)).toEqual(['after_backward', 'before_step']);
    const c = await drive({ at: 'after_train', cmds: [over] });
    expect(c.slice(0, 2).map((s) => s.event)).toEqual(['after_train', 'before_validate']);
  });

  it('over before_epoch lands on the next epoch’s before_epoch, and over the last one on after_fit', async () => {
    const stops = await drive({ at: 'before_epoch', when: [{ kind: 'epoch', op: 'eq', value: 0 }], cmds: [over, over], epochs: 2 });
    expect(stops.map(where)).toEqual(['before_epoch e0 i0 valid', 'before_epoch e1 i0 valid', 'after_fit e1 i0 valid']);
  });

  it('over before_fit runs the whole fit', async () => {
    const stops = await drive({ at: 'before_fit', cmds: [over] });
    expect(stops.map((s) => s.event)).toEqual(['before_fit']);
  });

  it('a CancelBatchException raised meanwhile: the batch still ends with after_batch, so it lands on the next before_batch', async () => {
    const cancel = new Canceller('after_loss', CancelBatchException, 'train');
    const stops = await drive({ at: 'before_batch', when: [iter(0), TRAIN], cmds: [over], cbs: [cancel] });
    expect(cancel.fired).toBe(1);
    expect(stops.slice(0, 2).map(where)).toEqual(['before_batch e0 i0', 'before_batch e0 i1']);
  });

  it('a CancelEpochException that ends the batch from outside: it stops where the loop came out', async () => {
    const cancel = new Canceller('after_step', CancelEpochException, 'train');
    const stops = await drive({ at: 'before_batch', when: [iter(0), TRAIN], cmds: [over], cbs: [cancel] });
    expect(stops.slice(0, 2).map((s) => s.event)).toEqual(['before_batch', 'after_cancel_epoch']);
  });

  it('a breakpoint on the way stops first', async () => {
    const stops = await drive({ at: 'before_batch', when: [iter(0), TRAIN], cmds: [over], extraBreakpoint: 'before_step' });
    expect(stops.slice(0, 2).map((s) => [s.event, s.reason])).toEqual([
      ['before_batch', 'breakpoint: before_batch when iter = 0 and training'],
      ['before_step', 'breakpoint: before_step'],
    ]);
  });
});

describe('step out', () => {
  it('out of after_loss lands on after_batch, in training and in validation', async () => {
    const t = await drive({ at: 'after_loss', when: [iter(0), TRAIN], cmds: [out] });
    expect(t.slice(0, 2).map(where)).toEqual(['after_loss e0 i0', 'after_batch e0 i0']);
    expect(t[1].reason).toBe('step out');
    const v = await drive({ at: 'after_loss', when: [VALID], validBatches: 2, cmds: [out] });
    expect(v.slice(0, 2).map(where)).toEqual(['after_loss e0 i0 valid', 'after_batch e0 i0 valid']);
  });

  it('out at before_backward lands on after_backward; out of after_backward on after_batch', async () => {
    const a = await drive({ at: 'before_backward', when: [iter(0)], cmds: [out] });
    expect(a.slice(0, 2).map(where)).toEqual(['before_backward e0 i0', 'after_backward e0 i0']);
    const b = await drive({ at: 'after_backward', when: [iter(0)], cmds: [out] });
    expect(b.slice(0, 2).map(where)).toEqual(['after_backward e0 i0', 'after_batch e0 i0']);
  });

  it('out of after_batch lands on after_train; out twice from after_pred on after_batch then after_train', async () => {
    const a = await drive({ at: 'after_batch', when: [iter(0), TRAIN], cmds: [out] });
    expect(a.slice(0, 2).map((s) => s.event)).toEqual(['after_batch', 'after_train']);
    const b = await drive({ at: 'after_pred', when: [iter(0), TRAIN], cmds: [out, out] });
    expect(b.slice(0, 3).map(where)).toEqual(['after_pred e0 i0', 'after_batch e0 i0', 'after_train e0 i1']);
  });

  it('a CancelBatchException on the way: lands on after_batch, past after_cancel_batch', async () => {
    const cancel = new Canceller('before_step', CancelBatchException, 'train');
    const stops = await drive({ at: 'after_pred', when: [iter(0), TRAIN], cmds: [out], cbs: [cancel] });
    expect(cancel.fired).toBe(1);
    expect(stops.slice(0, 2).map(where)).toEqual(['after_pred e0 i0', 'after_batch e0 i0']);
  });

  it('with no enclosing stage (after_fit) it runs on', async () => {
    const stops = await drive({ at: 'after_fit', cmds: [out], epochs: 1 });
    expect(stops.map((s) => s.event)).toEqual(['after_fit']);
  });
});

describe('run to', () => {
  it('runTo after_epoch from a before_batch', async () => {
    const stops = await drive({ at: 'before_batch', when: [iter(1), TRAIN], cmds: [{ kind: 'runTo', event: 'after_epoch' }], epochs: 2 });
    expect(stops.slice(0, 2).map(where)).toEqual(['before_batch e0 i1', 'after_epoch e0 i0 valid']);
    expect(stops[1].reason).toBe('run to after_epoch');
    expect(stops).toHaveLength(2);
  });

  it('runTo before_validate, then step keeps stepping event by event', async () => {
    const stops = await drive({
      at: 'after_pred',
      when: [iter(0), TRAIN],
      cmds: [{ kind: 'runTo', event: 'before_validate' }, { kind: 'step' }],
    });
    expect(stops.slice(0, 3).map((s) => s.event)).toEqual(['after_pred', 'before_validate', 'before_batch']);
  });
});

describe('the stack at a stop', () => {
  it('is loopStack for that event, and the Learner frames V8 shows there', async () => {
    const step: DebugCommand = { kind: 'step' };
    const stops = await drive({ at: 'before_fit', cmds: Array.from({ length: 40 }, () => step), validBatches: 2, epochs: 2 });
    expect(stops.length).toBeGreaterThan(40);
    for (const s of stops) {
      const ctx = { training: inTrainPhase(s), epoch: s.epoch, nEpoch: 2, iter: s.iter, nIter: s.info.snapshot.nIter };
      expect([where(s), s.info.stack]).toEqual([where(s), loopStack(s.event, ctx)]);
      expect([where(s), s.info.stack.map((f) => f.fn)]).toEqual([where(s), s.v8]);
    }
    const afterLoss = stops.find((s) => s.event === 'after_loss' && s.training)!;
    expect(afterLoss.info.stack.map((f) => f.detail).filter(Boolean)).toEqual(['epoch 1/2', 'iter 1/2']);
  });
});

/** In the train phase at this stop: TrainEvalCallback has set `training` (it runs after the stop at before_train). */
function inTrainPhase(s: Stop): boolean {
  if (s.event === 'before_train') return true;
  if (s.event === 'before_validate') return false;
  return s.training;
}
