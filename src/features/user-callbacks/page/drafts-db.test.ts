import { IDBFactory, IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DRAFTS_DB_NAME, DraftsDbError, openDraftsDb } from './drafts-db';
import type { UserDraft } from './user-callbacks-slice';

const draft = (id: string, extra: Partial<UserDraft> = {}): UserDraft => ({
  id,
  source: `class ${id} extends Callback {}`,
  title: id,
  added: true,
  enabled: true,
  fromLink: false,
  ...extra,
});

afterEach(() => vi.restoreAllMocks());

describe('drafts-db', () => {
  it('keeps the own drafts in their order, not added, across openings; a link draft is not stored', async () => {
    const factory = new IDBFactory();
    const db = await openDraftsDb(factory);
    expect(await db.all()).toEqual([]);
    await db.putAll(
      [draft('Zed'), draft('Link', { fromLink: true }), draft('Alpha', { enabled: false, source: 'a\n"b" </script> 🙂' })],
      1234,
    );
    db.close();
    const again = await openDraftsDb(factory);
    expect(await again.all()).toEqual([
      draft('Zed', { added: false }),
      draft('Alpha', { added: false, enabled: false, source: 'a\n"b" </script> 🙂' }),
    ]);
  });

  it('stores only id, source, title, enabled, savedAt (and the order), in its own database', async () => {
    const factory = new IDBFactory();
    const db = await openDraftsDb(factory);
    await db.putAll([draft('A')], 99);
    const raw = await new Promise<unknown[]>((resolve) => {
      const req = factory.open(DRAFTS_DB_NAME);
      req.onsuccess = () => {
        const get = req.result.transaction('drafts').objectStore('drafts').getAll();
        get.onsuccess = () => resolve(get.result as unknown[]);
      };
    });
    expect(raw).toEqual([{ id: 'A', source: 'class A extends Callback {}', title: 'A', enabled: true, savedAt: 99, order: 0 }]);
    const names = await factory.databases();
    expect(names.map((d) => d.name)).toEqual([DRAFTS_DB_NAME]);
  });

  it('putAll replaces everything: removed drafts are gone', async () => {
    const db = await openDraftsDb(new IDBFactory());
    await db.putAll([draft('A'), draft('B'), draft('C')]);
    await db.putAll([draft('C', { source: 'changed' }), draft('A')]);
    expect((await db.all()).map((d) => [d.id, d.source])).toEqual([
      ['C', 'changed'],
      ['A', 'class A extends Callback {}'],
    ]);
    await db.putAll([]);
    expect(await db.all()).toEqual([]);
  });

  it('storage full: a quota error, and the earlier list stays whole (one transaction)', async () => {
    const db = await openDraftsDb(new IDBFactory());
    await db.putAll([draft('A'), draft('B')]);
    const put = FDBObjectStore.prototype.put;
    let n = 0;
    vi.spyOn(FDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (++n === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    } as typeof put);
    const err = await db.putAll([draft('X'), draft('Y'), draft('Z')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DraftsDbError);
    expect((err as DraftsDbError).kind).toBe('quota');
    vi.restoreAllMocks();
    expect((await db.all()).map((d) => d.id)).toEqual(['A', 'B']);
  });

  it('skips records that are not drafts', async () => {
    const factory = new IDBFactory();
    const db = await openDraftsDb(factory);
    await db.putAll([draft('A')]);
    await new Promise<void>((resolve) => {
      const req = factory.open(DRAFTS_DB_NAME);
      req.onsuccess = () => {
        const t = req.result.transaction('drafts', 'readwrite');
        t.objectStore('drafts').put({ id: 'junk', source: 42 });
        t.oncomplete = () => resolve();
      };
    });
    expect((await db.all()).map((d) => d.id)).toEqual(['A']);
  });

  it('no IndexedDB (private mode): rejects with kind unavailable', async () => {
    await expect(openDraftsDb(undefined)).rejects.toMatchObject({ kind: 'unavailable' });
    const refusing = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const err = await openDraftsDb(refusing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DraftsDbError);
    expect((err as DraftsDbError).message).toMatch(/cannot be kept/);
  });
});
