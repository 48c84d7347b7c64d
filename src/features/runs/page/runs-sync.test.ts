import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { openRunsDb, type RunsDb, type SavedRun } from './runs-db';
import { openRunsSync, withRun, type RunsSync } from './runs-sync';

function run(id: string, createdAt: number, extra: Partial<SavedRun> = {}): SavedRun {
  return {
    id,
    name: `run ${id}`,
    createdAt,
    updatedAt: createdAt,
    backend: 'cpu',
    state: 'running',
    shared: { setup: DEFAULT_SETUP, callbacks: {}, breakpoints: [] },
    batches: [],
    epochs: [],
    weights: null,
    ...extra,
  };
}

/** One tab: its list, the runs it hears others save, and its channel. */
interface Tab {
  runs: SavedRun[];
  live: string[];
  current: string | null;
  reads: number;
  sync: RunsSync;
}

const open: RunsSync[] = [];
afterEach(() => {
  open.splice(0).forEach((s) => s.close());
});

function tab(db: RunsDb, channel: string, current: string | null = null): Tab {
  const t = { runs: [], live: [], current, reads: 0 } as unknown as Tab;
  const sync = openRunsSync(
    {
      read: (id) => {
        t.reads++;
        return db.get(id);
      },
      got: (id, r) => (t.runs = withRun(t.runs, id, r)),
      live: (id, live) => (t.live = live ? [...t.live.filter((x) => x !== id), id] : t.live.filter((x) => x !== id)),
      currentId: () => t.current,
    },
    channel,
  )!;
  t.sync = sync;
  open.push(sync);
  return t;
}

describe('runs-sync: two tabs on one database', () => {
  it('a write in one tab shows in the other, without echoes', async () => {
    const factory = new IDBFactory();
    const dbA = await openRunsDb(factory);
    const dbB = await openRunsDb(factory);
    const channel = `runs-test-${Math.random()}`;
    const a = tab(dbA, channel);
    const b = tab(dbB, channel);

    await dbA.put(run('r1', 1));
    a.sync.announce('created', 'r1');
    await vi.waitFor(() => expect(b.runs.map((r) => r.id)).toEqual(['r1']));
    expect(b.live).toEqual(['r1']);

    await dbA.put(run('r1', 1, { state: 'finished', epochs: [{ epoch: 0, trainLoss: 1, validLoss: 1, metrics: {}, seconds: 1 }] }));
    a.sync.announce('ended', 'r1');
    await vi.waitFor(() => expect(b.runs[0]?.state).toBe('finished'));
    expect(b.live).toEqual([]);

    await dbB.rename('r1', 'renamed in B');
    b.sync.announce('renamed', 'r1');
    await vi.waitFor(() => expect(a.runs[0]?.name).toBe('renamed in B'));

    await dbA.remove('r1');
    a.sync.announce('deleted', 'r1');
    await vi.waitFor(() => expect(b.runs).toEqual([]));

    // no tab re-read on its own post, and nobody answered a change with another
    await new Promise((r) => setTimeout(r, 50));
    expect(a.reads).toBe(1);
    expect(b.reads).toBe(2);
  });

  it('a tab that opens later hears which runs another tab is saving now', async () => {
    const db = await openRunsDb(new IDBFactory());
    const channel = `runs-test-${Math.random()}`;
    tab(db, channel, 'training-here');
    const late = tab(db, channel);
    await vi.waitFor(() => expect(late.live).toEqual(['training-here']));
  });

  it('withRun replaces in place, adds newest first, removes on null', () => {
    const list = [run('b', 2), run('a', 1)];
    expect(withRun(list, 'c', run('c', 3)).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(withRun(list, 'a', run('a', 1, { name: 'x' }))[1].name).toBe('x');
    expect(withRun(list, 'b', null).map((r) => r.id)).toEqual(['a']);
  });
});
