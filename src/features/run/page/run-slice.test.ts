import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../messages';
import type { WorkerToPage } from '../../messages';
import { useStore } from '../../../app/store';
import { canStart } from './run-slice';

/** The page asks for a start and the worker takes it, as Train does. */
function started(runId: string) {
  useStore.getState().requestStart(runId);
  useStore.getState().applyWorkerMessage({ type: 'run-started', runId });
}

const batch = (i: number): BatchRecord => ({ epoch: 0, iter: i, trainIter: i, loss: 1, smoothLoss: 1, lr: 0.01 });

describe('run slice', () => {
  it('applies one store update per worker message, appending records in batches', () => {
    const updates: number[] = [];
    const unsub = useStore.subscribe((s) => updates.push(s.messages));
    started('a');
    const msgs: WorkerToPage[] = [
      { type: 'ready', backend: { name: 'cpu', fallbackReason: 'WebGPU: no adapter', adapter: null }, tfVersion: '4.22.0' },
      { type: 'metrics', batches: [batch(0), batch(1)], epochs: [], progress: null },
      {
        type: 'metrics',
        batches: [batch(2)],
        epochs: [{ epoch: 0, trainLoss: 1, validLoss: 0.5, metrics: { accuracy: 0.7 }, seconds: 0.1 }],
        progress: { epoch: 0, nEpoch: 1, iter: 0, nIter: 1, training: false },
      },
      { type: 'status', state: 'done', detail: 'finished', leakedTensors: 0 },
    ];
    msgs.forEach((m) => useStore.getState().applyWorkerMessage(m));
    unsub();
    expect(updates).toHaveLength(2 + msgs.length); // the start, its answer, then one per message
    const s = useStore.getState();
    expect(s.batches.slice().map((b) => b.iter)).toEqual([0, 1, 2]);
    expect(s.epochs[0].metrics.accuracy).toBe(0.7);
    expect(s.backend?.name).toBe('cpu');
    expect(s.workerState).toBe('ready');
    expect(s.runState).toBe('done');
    expect(s.leakedTensors).toBe(0);
  });

  it('remembers the first batch whose loss is not finite, until the next run', () => {
    started('b');
    const apply = (batches: BatchRecord[]) =>
      useStore.getState().applyWorkerMessage({ type: 'metrics', batches, epochs: [], progress: null });
    apply([batch(0), batch(1)]);
    expect(useStore.getState().diverged).toBeNull();
    apply([batch(2), { ...batch(3), loss: Number.NaN }, { ...batch(4), loss: Number.POSITIVE_INFINITY }]);
    apply([{ ...batch(5), loss: Number.NaN }]);
    expect(useStore.getState().diverged?.iter).toBe(3);
    started('c');
    expect(useStore.getState().diverged).toBeNull();
  });

  it('keeps an error visible and marks a crashed worker', () => {
    useStore.getState().applyWorkerMessage({ type: 'error', message: 'boom', where: 'training' });
    expect(useStore.getState().error).toEqual({ message: 'boom', where: 'training' });
    useStore.getState().workerCrashed('Training worker crashed: x');
    expect(useStore.getState()).toMatchObject({ workerState: 'crashed', runState: 'idle', error: { where: 'worker' } });
  });

  it('shows "starting" until the worker takes the start, and goes back when it refuses', () => {
    useStore.setState({ runState: 'done', pendingStart: null, activity: 'idle', workerState: 'ready', error: null });
    useStore.getState().requestStart('r1');
    expect(useStore.getState().runState).toBe('starting');
    expect(canStart(useStore.getState())).toBe(false); // one start at a time
    const apply = (m: WorkerToPage) => useStore.getState().applyWorkerMessage(m);
    apply({ type: 'run-refused', runId: 'other', message: 'not ours' });
    expect(useStore.getState().runState).toBe('starting');
    apply({ type: 'run-refused', runId: 'r1', message: 'The LR finder is running: train when it is done' });
    expect(useStore.getState()).toMatchObject({ runState: 'done', pendingStart: null, error: { message: /LR finder/, where: 'message' } });
    expect(canStart(useStore.getState())).toBe(true);
  });

  it("keeps Train off while the worker says it is busy (the LR finder), and ignores another run's status", () => {
    const apply = (m: WorkerToPage) => useStore.getState().applyWorkerMessage(m);
    useStore.setState({ runState: 'idle', pendingStart: null, workerState: 'ready' });
    apply({ type: 'activity', activity: 'lr-find' });
    expect(canStart(useStore.getState())).toBe(false);
    apply({ type: 'activity', activity: 'idle' });
    expect(canStart(useStore.getState())).toBe(true);
    started('mine');
    apply({ type: 'status', state: 'done', runId: 'someone-else', detail: 'finished' });
    expect(useStore.getState().runState).toBe('training');
    apply({ type: 'status', state: 'done', runId: 'mine', detail: 'stopped' });
    expect(useStore.getState()).toMatchObject({ runState: 'done', runDetail: 'stopped' });
  });

  it("a crash ends the run that was going as interrupted, and a restart takes the worker's error away", () => {
    started('d');
    useStore.getState().workerSilence(6);
    useStore.getState().workerCrashed('Training worker crashed: x');
    expect(useStore.getState()).toMatchObject({
      runState: 'idle',
      runDetail: 'interrupted',
      activity: 'idle',
      pendingStart: null,
      workerSilentFor: null,
      workerState: 'crashed',
    });
    useStore.getState().workerRestarting();
    expect(useStore.getState()).toMatchObject({ workerState: 'booting', error: null });
  });

  it('a crash ends an LR finder that was going', () => {
    useStore.getState().lrFindRequested();
    useStore.getState().workerCrashed('The training worker stopped responding');
    expect(useStore.getState().lrFind).toMatchObject({ state: 'failed', error: 'The training worker stopped responding' });
  });
});
