// A saved run keeps the user callbacks' code and what they logged; opening it brings both back
// (the code as ordinary drafts, not added: nothing is sent).
import { BatchHistory } from '../../run/page/batch-history';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';

const posted: unknown[] = [];
vi.mock('../../../app/worker-client', () => ({
  onWorkerMessage: () => () => {},
  post: (msg: unknown) => posted.push(msg),
}));

const { useStore } = await import('../../../app/store');
const { initRuns, openRun, runCodeDrafts, useRuns } = await import('./runs-bridge');
const { openRunsDb } = await import('./runs-db');

const initial = useStore.getState();
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  useStore.setState(initial, true);
  posted.length = 0;
});

const SOURCE = 'class GradNorm extends Callback {\n  after_batch() { this.log("norm", 1); }\n}';
const batch = (i: number) => ({ epoch: 0, iter: i, trainIter: i, loss: 1, smoothLoss: 1, lr: 0.05 });
const epoch = { epoch: 0, trainLoss: 1, validLoss: 1, metrics: {}, seconds: 1 };

describe('runs-bridge: user code and logs', () => {
  it('saves the code and the log (copies) with the run, and opening it restores both', async () => {
    const factory = new IDBFactory();
    stop = initRuns(factory);
    await vi.waitFor(() => expect(useRuns.getState().available).toBe(true));
    useStore.setState((s) => ({
      userCallbacks: {
        ...s.userCallbacks,
        drafts: [{ id: 'a', source: SOURCE, title: 'GradNorm', added: true, enabled: true, fromLink: false }],
        infos: { a: { id: 'a', className: 'GradNorm', enabled: true } as never },
        sent: { a: SOURCE },
      },
    }));
    useStore.setState({ runStartedAt: Date.now(), runState: 'training', runDetail: null, batches: BatchHistory.empty(), epochs: [] });
    const id = useRuns.getState().currentId!;
    expect(useRuns.getState().runs[0].shared.code).toEqual({ GradNorm: SOURCE });

    const series = { norm: { x: [1, 2], y: [0.5, 0.25] } };
    useStore.setState({ userLog: { key: 'k', series, version: 1 }, batches: BatchHistory.of([batch(0), batch(1)]), epochs: [epoch] });
    // the epoch's piece of history holds the points logged so far
    await vi.waitFor(async () =>
      expect((await (await openRunsDb(factory)).get(id))?.userLog).toEqual({ norm: { x: [1, 2], y: [0.5, 0.25] } }),
    );
    series.norm.x.push(3);
    series.norm.y.push(0.125);
    useStore.setState({ userLog: { key: 'k', series, version: 2 }, runState: 'done', runDetail: 'finished' });
    await vi.waitFor(async () =>
      expect(await (await openRunsDb(factory)).get(id)).toMatchObject({
        state: 'finished',
        shared: { code: { GradNorm: SOURCE } },
        userLog: { norm: { x: [1, 2, 3], y: [0.5, 0.25, 0.125] } },
      }),
    );

    // another page: no drafts, another log; opening the run brings back its code (as a draft) and log
    useStore.setState((s) => ({
      runState: 'idle',
      userLog: { key: 'other', series: {}, version: 7 },
      userCallbacks: { ...s.userCallbacks, drafts: [], infos: {}, sent: {} },
    }));
    posted.length = 0;
    openRun(id);
    const s = useStore.getState();
    expect(s.userLog).toEqual({ key: `saved-${id}`, series: { norm: { x: [1, 2, 3], y: [0.5, 0.25, 0.125] } }, version: 8 });
    expect(s.userCallbacks.drafts).toEqual([
      { id: expect.stringMatching(/^cb-/), source: SOURCE, title: 'GradNorm', added: false, enabled: true, fromLink: false },
    ]);
    expect(posted.filter((m) => (m as { type: string }).type.startsWith('user-cb'))).toEqual([]);
    // opened again: the same code is not added twice
    openRun(id);
    expect(useStore.getState().userCallbacks.drafts).toHaveLength(1);
  });

  it('runCodeDrafts: only code whose source is not among the drafts', () => {
    const have = [{ id: 'x', source: 'same', title: 'X', added: true, enabled: true, fromLink: false }];
    expect(runCodeDrafts({ A: 'same', B: 'new' }, have).map((d) => [d.title, d.source])).toEqual([['B', 'new']]);
    expect(runCodeDrafts(undefined, have)).toEqual([]);
  });
});
