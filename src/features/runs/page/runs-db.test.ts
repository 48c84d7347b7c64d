import { IDBFactory, IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { openRunsDb, RunsDbError, type SavedRun } from './runs-db';

function run(id: string, createdAt: number, extra: Partial<SavedRun> = {}): SavedRun {
  return {
    id,
    name: `run ${id}`,
    createdAt,
    updatedAt: createdAt,
    backend: 'cpu',
    state: 'finished',
    shared: { setup: DEFAULT_SETUP, callbacks: { GradientClip: { maxNorm: 1 } }, breakpoints: [] },
    batches: [{ epoch: 0, iter: 0, trainIter: 0, loss: 1.1, smoothLoss: 1.1, lr: 0.05 }],
    epochs: [{ epoch: 0, trainLoss: 1.1, validLoss: 1.0, metrics: { accuracy: 0.5 }, seconds: 0.1 }],
    weights: { modelJson: '{"modelTopology":{}}', weights: new Float32Array([1, 2, 3]).buffer },
    ...extra,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('runs-db', () => {
  it('saves and loads a run with its history and weights', async () => {
    const db = await openRunsDb(new IDBFactory());
    await db.put(run('a', 1));
    const back = await db.get('a');
    expect(back).toMatchObject({ id: 'a', name: 'run a', backend: 'cpu', shared: { callbacks: { GradientClip: { maxNorm: 1 } } } });
    expect(back?.batches[0].loss).toBe(1.1);
    expect(Array.from(new Float32Array(back!.weights!.weights))).toEqual([1, 2, 3]);
    expect(await db.get('missing')).toBeNull();
  });

  it('keeps runs across openings, lists newest first, overwrites by id', async () => {
    const factory = new IDBFactory();
    const db = await openRunsDb(factory);
    await db.put(run('old', 1));
    await db.put(run('new', 2));
    await db.put(run('old', 1, { epochs: [] }));
    db.close();
    const again = await openRunsDb(factory);
    const all = await again.list();
    expect(all.map((r) => r.id)).toEqual(['new', 'old']);
    expect(all[1].epochs).toEqual([]);
  });

  it('a running run: each epoch writes only its piece; reads join them in order; the final record takes them in', async () => {
    const factory = new IDBFactory();
    const db = await openRunsDb(factory);
    const b = (i: number) => ({ epoch: i, iter: 0, trainIter: i, loss: 1 / (i + 1), smoothLoss: 1, lr: 0.05 });
    const e = (i: number) => ({ epoch: i, trainLoss: 1, validLoss: 1, metrics: {}, seconds: 0.1 });
    const meta = run('r', 5, { state: 'running', batches: [], epochs: [], weights: null });
    await db.put(meta);
    for (let i = 0; i < 3; i++)
      await db.append(meta, { runId: 'r', seq: i, batches: [b(i)], epochs: [e(i)], userLog: { norm: { x: [i + 1], y: [i * 2] } } });
    await db.put(run('other', 1));
    const back = await db.get('r');
    expect(back?.batches.map((x) => x.trainIter)).toEqual([0, 1, 2]);
    expect(back?.epochs.map((x) => x.epoch)).toEqual([0, 1, 2]);
    expect(back?.userLog).toEqual({ norm: { x: [1, 2, 3], y: [0, 2, 4] } });
    expect((await db.list()).map((r) => [r.id, r.epochs.length])).toEqual([
      ['r', 3],
      ['other', 1],
    ]);
    // the end: one full record, no pieces left to join twice
    await db.put({ ...back!, state: 'finished' });
    expect((await db.get('r'))?.batches).toHaveLength(3);
    await db.remove('r');
    expect(await db.get('r')).toBeNull();
    db.close();
  });

  it('a database of the first version opens with its runs kept', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve) => {
      const req = factory.open('learner-playground', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('runs', { keyPath: 'id' }).put(run('kept', 1));
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
    });
    const db = await openRunsDb(factory);
    expect((await db.list()).map((r) => r.id)).toEqual(['kept']);
    await db.append(run('kept', 1), { runId: 'kept', seq: 0, batches: [], epochs: [] });
    expect((await db.get('kept'))?.epochs).toHaveLength(1);
  });

  it('renames (a blank name keeps the old one) and deletes', async () => {
    const db = await openRunsDb(new IDBFactory());
    await db.put(run('a', 1));
    expect((await db.rename('a', '  lr 0.1 ')).name).toBe('lr 0.1');
    expect((await db.rename('a', '   ')).name).toBe('lr 0.1');
    expect((await db.get('a'))?.name).toBe('lr 0.1');
    await expect(db.rename('nope', 'x')).rejects.toBeInstanceOf(RunsDbError);
    await db.remove('a');
    expect(await db.list()).toEqual([]);
  });

  it('storage full: a quota error with a clear message, the db keeps working', async () => {
    const db = await openRunsDb(new IDBFactory());
    await db.put(run('a', 1));
    vi.spyOn(FDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const err = await db.put(run('b', 2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunsDbError);
    expect((err as RunsDbError).kind).toBe('quota');
    expect((err as RunsDbError).message).toMatch(/storage is full/i);
    expect((await db.list()).map((r) => r.id)).toEqual(['a']);
  });

  it('mark: a small write of state and note onto the stored record', async () => {
    const db = await openRunsDb(new IDBFactory());
    await db.put(run('a', 1, { state: 'running', weights: null }));
    const marked = await db.mark('a', 'finished', 'weights not saved: storage full');
    expect(marked).toMatchObject({ state: 'finished', note: 'weights not saved: storage full', weights: null });
    expect((await db.get('a'))?.note).toBe('weights not saved: storage full');
    expect(await db.mark('gone', 'finished', 'x')).toBeNull();
  });

  it('no IndexedDB (private mode): rejects with kind unavailable', async () => {
    const err = await openRunsDb(undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunsDbError);
    expect((err as RunsDbError).kind).toBe('unavailable');
    expect((err as RunsDbError).message).toMatch(/cannot be saved/);
    const refusing = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Parameters<typeof openRunsDb>[0];
    await expect(openRunsDb(refusing)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
