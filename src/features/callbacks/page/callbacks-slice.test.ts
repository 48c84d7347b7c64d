import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../messages';
import type { WorkerToPage } from '../../messages';
import { reduce } from './callbacks-slice';
import { reduce as reduceFinder } from '../../lr-finder/page/lr-finder-slice';
import { useStore } from '../../../app/store';

const entry = (kind: TimelineEntry['kind'], text: string): TimelineEntry => ({
  kind,
  name: 'GradientClip',
  text,
  epoch: 0,
  iter: 1,
  trainIter: 2,
  training: true,
});

describe('callbacks slice', () => {
  it('applies catalog, state, refusals, timeline and LR finder messages, one store update each', () => {
    const updates: number[] = [];
    const unsub = useStore.subscribe((s) => updates.push(s.messages));
    const msgs: WorkerToPage[] = [
      {
        type: 'callback-catalog',
        callbacks: [{ name: 'GradientClip', description: 'clips', kind: 'optional', order: 11, events: ['before_step'], params: [] }],
      },
      {
        type: 'callback-state',
        choices: { GradientClip: { enabled: true, params: { maxNorm: 1 } } },
        loop: [{ kind: 'event', event: 'before_step', phase: 'train', depth: 4, callbacks: ['GradientClip'] }],
      },
      { type: 'callback-refused', name: 'GradientClip', message: 'GradientClip: maxNorm: must be in [0.0001, 10000]' },
      { type: 'callback-timeline', entry: entry('start', 'Run starts with GradientClip') },
      { type: 'callback-timeline', entry: entry('off', 'GradientClip off at epoch 1, iter 2') },
      { type: 'lr-find-started', numIt: 100 },
      { type: 'lr-find-points', points: [{ lr: 1e-7, loss: 1.1 }] },
      { type: 'lr-find-points', points: [{ lr: 1e-6, loss: 1.0 }] },
    ];
    msgs.forEach((m) => useStore.getState().applyWorkerMessage(m));
    unsub();
    expect(updates).toHaveLength(msgs.length);
    expect(useStore.getState().lrFind).toMatchObject({ state: 'running', points: [{ lr: 1e-7 }, { lr: 1e-6 }] });
    const c = useStore.getState().callbacks;
    expect(c.catalog.map((x) => x.name)).toEqual(['GradientClip']);
    expect(c.choices.GradientClip.enabled).toBe(true);
    expect(c.loop).toHaveLength(1);
    expect(c.refused.GradientClip).toMatch(/must be in/);
    expect(c.timeline.map((e) => e.kind)).toEqual(['start', 'off']);
    useStore.getState().clearRefusal('GradientClip');
    expect(useStore.getState().callbacks.refused).toEqual({});
  });

  it('starts a new timeline with each run', () => {
    let s = { callbacks: useStore.getState().callbacks };
    s = reduce(s, { type: 'callback-timeline', entry: entry('start', 'Run starts with the default callbacks only') })!;
    expect(s.callbacks.timeline.map((e) => e.text)).toEqual(['Run starts with the default callbacks only']);
    expect(reduce(s, { type: 'progress', progress: { epoch: 0, nEpoch: 1, iter: 0, nIter: 1, training: true } })).toBeNull();
  });

  it("keeps the LR finder's result or error", () => {
    let s = { lrFind: useStore.getState().lrFind };
    const result = {
      points: [{ lr: 1e-3, loss: 1 }],
      suggestions: { valley: null, slide: null, minimum: null, steep: null },
      numIt: 100,
      leakedTensors: 0,
    };
    s = reduceFinder(s, { type: 'lr-find-done', result })!;
    expect(s.lrFind).toMatchObject({ state: 'done', points: result.points, result, error: null });
    s = reduceFinder(s, { type: 'lr-find-failed', message: 'Stop the training run first' })!;
    expect(s.lrFind).toMatchObject({ state: 'failed', error: 'Stop the training run first' });
    expect(reduceFinder(s, { type: 'callback-catalog', callbacks: [] })).toBeNull();
  });
});
