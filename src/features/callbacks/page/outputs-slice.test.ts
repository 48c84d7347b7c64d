import { describe, expect, it } from 'vitest';
import type { ActivationChunk, ActivationRecordData } from '../messages';
import type { GradClipEpochData } from '../../../shared/callback-outputs';
import type { WorkerToPage } from '../../messages';
import { useStore } from '../../../app/store';
import { reduce, type OutputsState } from './outputs-slice';

const rec = (trainIter: number): ActivationRecordData => ({
  trainIter,
  mean: [trainIter],
  std: [1],
  nearZero: [0.5],
  hist: [[trainIter, 0]],
});
const chunk = (key: string, iters: number[], limit = 100): ActivationChunk => ({
  key,
  layers: ['dense_1'],
  bins: 2,
  histMax: 10,
  limit,
  records: iters.map(rec),
});
const metrics = (outputs: Extract<WorkerToPage, { type: 'metrics' }>['outputs']): WorkerToPage => ({
  type: 'metrics',
  batches: [],
  epochs: [],
  progress: null,
  outputs,
});
const EMPTY: OutputsState = { csv: null, activations: null, gradClip: null };
const clipEpoch = (epoch: number, clipped = 1): GradClipEpochData => ({
  epoch,
  batches: 4,
  clipped,
  meanNorm: 2,
  maxNorm: 3,
  meanNormAfter: 1,
  maxNormAfter: 1,
});

describe('outputs slice', () => {
  it('appends activation chunks of one instance, starts afresh on a new key, keeps at most `limit`', () => {
    let s = { outputs: EMPTY, runState: 'training' as const };
    const step = (m: WorkerToPage) => (s = { ...s, ...reduce(s, m) });
    step(metrics({ activations: chunk('act-1', [0, 1, 2], 4) }));
    step(metrics({ activations: chunk('act-1', [3, 4], 4) }));
    expect(s.outputs.activations!.records.map((r) => r.trainIter)).toEqual([1, 2, 3, 4]);
    expect(s.outputs.activations!).toMatchObject({ key: 'act-1', layers: ['dense_1'], bins: 2, dropped: 1 });
    step(metrics({ activations: chunk('act-2', [7]) })); // switched off and on: a new instance
    expect(s.outputs.activations!.records.map((r) => r.trainIter)).toEqual([7]);
    expect(s.outputs.activations!.dropped).toBe(0);
  });

  it("appends GradientClip's epochs of one instance, starts afresh on a new key, keeps them beside the other outputs", () => {
    let s = { outputs: EMPTY, runState: 'training' as const };
    const step = (m: WorkerToPage) => (s = { ...s, ...reduce(s, m) });
    step(metrics({ gradClip: { key: 'clip-1', limit: 1, epochs: [] } }));
    expect(s.outputs.gradClip).toEqual({ key: 'clip-1', limit: 1, epochs: [] });
    step(metrics({ gradClip: { key: 'clip-1', limit: 1, epochs: [clipEpoch(0)] }, activations: chunk('act-1', [0]) }));
    step(metrics({ gradClip: { key: 'clip-1', limit: 1, epochs: [clipEpoch(1, 3)] } }));
    expect(s.outputs.gradClip!.epochs.map((e) => [e.epoch, e.clipped])).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(s.outputs.activations!.records).toHaveLength(1);
    step(metrics({ csv: { fname: 'h.csv', text: 'epoch\n0\n', rows: 1 } }));
    expect(s.outputs.gradClip!.epochs).toHaveLength(2); // kept when a message has no clip stats
    step(metrics({ gradClip: { key: 'clip-2', limit: 0.5, epochs: [clipEpoch(2)] } }));
    expect(s.outputs.gradClip).toEqual({ key: 'clip-2', limit: 0.5, epochs: [clipEpoch(2)] });
  });

  it('replaces the CSV, ignores metrics without outputs, and a new run (not a resume) clears both', () => {
    let s: { outputs: OutputsState; runState: 'training' | 'paused' | 'idle' | 'done' } = { outputs: EMPTY, runState: 'training' };
    const step = (m: WorkerToPage) => (s = { ...s, ...reduce(s, m) });
    expect(reduce(s, { type: 'metrics', batches: [], epochs: [], progress: null })).toBeNull();
    step(metrics({ csv: { fname: 'history.csv', text: 'epoch,time\n0,00:01\n', rows: 1 }, activations: chunk('act-1', [0]) }));
    step(metrics({ csv: { fname: 'history.csv', text: 'epoch,time\n0,00:01\n1,00:01\n', rows: 2 } }));
    expect(s.outputs.csv!.rows).toBe(2);
    expect(s.outputs.activations!.records).toHaveLength(1); // kept when a message has only the CSV
    s.runState = 'paused';
    expect(reduce(s, { type: 'status', state: 'training' })).toBeNull(); // resume
    s.runState = 'done';
    step({ type: 'status', state: 'training' });
    expect(s.outputs).toEqual(EMPTY);
  });

  it('one store update per message', () => {
    const updates: number[] = [];
    const unsub = useStore.subscribe((st) => updates.push(st.messages));
    useStore
      .getState()
      .applyWorkerMessage(metrics({ csv: { fname: 'h.csv', text: 'epoch\n0\n', rows: 1 }, activations: chunk('act-9', [0, 1]) }));
    unsub();
    expect(updates).toHaveLength(1);
    expect(useStore.getState().outputs.activations!.records).toHaveLength(2);
    expect(useStore.getState().outputs.csv!.fname).toBe('h.csv');
  });
});
