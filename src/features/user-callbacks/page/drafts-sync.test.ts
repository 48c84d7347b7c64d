import { IDBFactory, IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../../../app/store';
import { openDraftsDb } from './drafts-db';
import { syncDrafts, WRITE_DELAY_MS } from './drafts-sync';
import type { UserDraft } from './user-callbacks-slice';

const draft = (id: string, extra: Partial<UserDraft> = {}): UserDraft => ({
  id,
  source: `class ${id} extends Callback {}`,
  title: id,
  added: false,
  enabled: true,
  fromLink: false,
  ...extra,
});

const initial = useStore.getState();
let stop: (() => void) | null = null;

beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  stop?.();
  stop = null;
  vi.restoreAllMocks();
});

async function stored(factory: IDBFactory): Promise<UserDraft[]> {
  const db = await openDraftsDb(factory);
  const all = await db.all();
  db.close();
  return all;
}

describe('drafts-sync', () => {
  it('restores the saved drafts (not added) before the link drafts already in the store, which stay selected', async () => {
    const factory = new IDBFactory();
    const db = await openDraftsDb(factory);
    await db.putAll([draft('Mine'), draft('Other', { enabled: false })]);
    db.close();
    const link = draft('cb-link-0-x', { fromLink: true, title: 'Linked' });
    useStore.getState().setUserDrafts([link]);
    useStore.getState().selectUserDraft(link.id);

    stop = syncDrafts(factory);
    await vi.waitFor(() => expect(useStore.getState().userCallbacks.drafts).toHaveLength(3));
    const u = useStore.getState().userCallbacks;
    expect(u.drafts.map((d) => d.id)).toEqual(['Mine', 'Other', link.id]);
    expect(u.drafts.every((d) => !d.added)).toBe(true);
    expect(u.drafts[1].enabled).toBe(false);
    expect(u.selected).toBe(link.id);
  });

  it('writes the drafts 400 ms after they change, leaving link code out', async () => {
    const factory = new IDBFactory();
    stop = syncDrafts(factory);
    await new Promise((r) => setTimeout(r, 50)); // opened
    const put = vi.spyOn(FDBObjectStore.prototype, 'put');
    useStore.getState().setUserDrafts([draft('A')]);
    useStore.getState().setUserDrafts([draft('A', { source: 'edited' }), draft('L', { fromLink: true })]);
    await new Promise((r) => setTimeout(r, WRITE_DELAY_MS / 2));
    expect(put).not.toHaveBeenCalled();
    await vi.waitFor(async () => expect((await stored(factory)).map((d) => [d.id, d.source])).toEqual([['A', 'edited']]));
    expect(put).toHaveBeenCalledTimes(1); // debounced: one write of one record
    // accepted, the link's draft is stored too
    useStore.setState((s) => ({
      userCallbacks: { ...s.userCallbacks, drafts: s.userCallbacks.drafts.map((d) => ({ ...d, fromLink: false })) },
    }));
    await vi.waitFor(async () => expect((await stored(factory)).map((d) => d.id)).toEqual(['A', 'L']));
  });

  it('stopping writes what is pending', async () => {
    const factory = new IDBFactory();
    stop = syncDrafts(factory);
    await new Promise((r) => setTimeout(r, 50));
    useStore.getState().setUserDrafts([draft('A')]);
    stop();
    stop = null;
    await vi.waitFor(async () => expect((await stored(factory)).map((d) => d.id)).toEqual(['A']));
  });

  it('no IndexedDB: never throws, warns once, the drafts stay in the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    stop = syncDrafts(undefined);
    useStore.getState().setUserDrafts([draft('A')]);
    await new Promise((r) => setTimeout(r, WRITE_DELAY_MS + 50));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/cannot be kept/);
    expect(useStore.getState().userCallbacks.drafts.map((d) => d.id)).toEqual(['A']);
  });

  it('a write that fails warns once and the next change is tried again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const factory = new IDBFactory();
    stop = syncDrafts(factory);
    await new Promise((r) => setTimeout(r, 50));
    const put = FDBObjectStore.prototype.put;
    const spy = vi.spyOn(FDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    useStore.getState().setUserDrafts([draft('A')]);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    useStore.getState().setUserDrafts([draft('A'), draft('B')]);
    await new Promise((r) => setTimeout(r, WRITE_DELAY_MS + 50));
    expect(warn).toHaveBeenCalledTimes(1);
    spy.mockImplementation(put);
    useStore.getState().setUserDrafts([draft('B')]);
    await vi.waitFor(async () => expect((await stored(factory)).map((d) => d.id)).toEqual(['B']));
  });
});
