import { BatchHistory } from '../../run/page/batch-history';
import { IDBFactory, IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SavedRun } from './runs-db';

const listeners = new Map<string, (msg: unknown) => void>();
vi.mock('../../../app/worker-client', () => ({
  onWorkerMessage: (type: string, fn: (msg: unknown) => void) => {
    listeners.set(type, fn);
    return () => listeners.delete(type);
  },
  post: vi.fn(),
}));

const { useStore } = await import('../../../app/store');
const { initRuns, useRuns } = await import('./runs-bridge');
const { openRunsDb } = await import('./runs-db');

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  useRuns.setState({ available: false, runs: [], currentId: null, message: null });
  vi.restoreAllMocks();
});

describe('runs-bridge: a record says what it holds', () => {
  it('weights that do not fit: the run is saved finished, with "weights not saved: storage full"', async () => {
    const factory = new IDBFactory();
    stop = initRuns(factory);
    await vi.waitFor(() => expect(useRuns.getState().available).toBe(true));

    useStore.setState({ runStartedAt: Date.now(), runState: 'training', batches: BatchHistory.empty(), epochs: [] });
    const id = useRuns.getState().currentId!;
    expect(id).toBeTruthy();
    const batch = { epoch: 0, iter: 0, trainIter: 0, loss: 1, smoothLoss: 1, lr: 0.05 };
    const epoch = { epoch: 0, trainLoss: 1, validLoss: 1, metrics: {}, seconds: 1 };
    useStore.setState({ runState: 'done', runDetail: 'finished', batches: BatchHistory.of([batch]), epochs: [epoch] });

    const put = FDBObjectStore.prototype.put;
    vi.spyOn(FDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if ((value as SavedRun).weights) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    } as typeof put);
    listeners.get('model-exported')!({ type: 'model-exported', purpose: 'keep', modelJson: '{}', weights: new ArrayBuffer(8) });

    await vi.waitFor(() => expect(useRuns.getState().runs[0]?.note).toBe('weights not saved: storage full'));
    expect(useRuns.getState().runs[0]).toMatchObject({ id, state: 'finished', weights: null });
    expect(useRuns.getState().message).toMatch(/storage is full/i);
    stop();
    stop = null;
    const stored = await (await openRunsDb(factory)).get(id);
    expect(stored).toMatchObject({ state: 'finished', weights: null, note: 'weights not saved: storage full' });
    expect(stored?.epochs).toHaveLength(1);
  });

  it('an epoch that did not fit: the run still ends as finished, saying its history is not saved in full', async () => {
    const factory = new IDBFactory();
    stop = initRuns(factory);
    await vi.waitFor(() => expect(useRuns.getState().available).toBe(true));
    useStore.setState({ runStartedAt: Date.now() + 1, runState: 'training', runDetail: null, batches: BatchHistory.empty(), epochs: [] });
    const id = useRuns.getState().currentId!;
    await vi.waitFor(async () => expect(await (await openRunsDb(factory)).get(id)).not.toBeNull());

    const put = FDBObjectStore.prototype.put;
    vi.spyOn(FDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if ((value as SavedRun).epochs.length > 0 && !(value as SavedRun).note)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    } as typeof put);
    const batch = { epoch: 0, iter: 0, trainIter: 0, loss: 1, smoothLoss: 1, lr: 0.05 };
    const epoch = { epoch: 0, trainLoss: 1, validLoss: 1, metrics: {}, seconds: 1 };
    useStore.setState({ batches: BatchHistory.of([batch]), epochs: [epoch] });
    await vi.waitFor(() => expect(useRuns.getState().message).toMatch(/storage is full/i));
    useStore.setState({ runState: 'done', runDetail: 'finished' });

    await vi.waitFor(async () =>
      expect(await (await openRunsDb(factory)).get(id)).toMatchObject({
        state: 'finished',
        note: 'history not saved in full: storage full',
      }),
    );
    expect(useRuns.getState().runs.find((r) => r.id === id)?.state).toBe('finished');
  });
});
