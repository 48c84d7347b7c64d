// The IndexedDB plumbing the page's small databases share (saved runs, callback drafts): a request
// as a promise, one transaction that resolves when it committed, and opening a database of one
// store keyed by id. Each database turns failures into its own error with its own words.
/// <reference lib="dom" />
// (the reference: the Node test project, lib ES2022 only, type-checks this file through its tests)

type ToError = (err: unknown) => Error;

export function isQuota(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export function idbRequest<T>(req: IDBRequest<T>, toError: ToError): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(toError(req.error));
  });
}

/** Runs `fn` in one transaction on `store`; resolves when it committed (quota errors show up at commit). */
export function idbTransaction<T>(
  db: IDBDatabase,
  store: string,
  mode: IDBTransactionMode,
  fn: (store: IDBObjectStore) => Promise<T> | T,
  toError: ToError,
): Promise<T> {
  return idbTransactionOn(db, [store], mode, (t) => fn(t.objectStore(store)), toError);
}

/** Runs `fn` in one transaction over `stores` (all written or none); resolves when it committed. */
export async function idbTransactionOn<T>(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  fn: (t: IDBTransaction) => Promise<T> | T,
  toError: ToError,
): Promise<T> {
  let t: IDBTransaction;
  try {
    t = db.transaction(stores, mode);
  } catch (err) {
    throw toError(err);
  }
  const done = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onabort = () => reject(toError(t.error));
    t.onerror = () => reject(toError(t.error));
  });
  let result: T;
  try {
    result = await fn(t);
  } catch (err) {
    try {
      t.abort();
    } catch {
      /* already finished */
    }
    done.catch(() => {});
    throw toError(err);
  }
  await done;
  return result;
}

/** An object store and its key path. */
export interface IdbStore {
  name: string;
  keyPath: string | string[];
  /** Indexes by one field each (named after it). */
  indexes?: string[];
}

/**
 * Opens (creating if needed) database `name` with its object stores (a name alone: keyed by `id`);
 * an upgrade adds the stores a newer version has and keeps what is there.
 * `unavailable(why)` is the error when there is no IndexedDB or it is refused.
 */
export function openIdb(
  factory: IDBFactory | undefined,
  name: string,
  version: number,
  store: string | IdbStore[],
  unavailable: (why: string) => Error,
  toError: ToError,
): Promise<IDBDatabase> {
  const stores: IdbStore[] = typeof store === 'string' ? [{ name: store, keyPath: 'id' }] : store;
  if (!factory) return Promise.reject(unavailable('no IndexedDB, e.g. a private window'));
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(name, version);
    } catch (err) {
      reject(unavailable(err instanceof Error ? err.message : 'IndexedDB refused'));
      return;
    }
    req.onupgradeneeded = () => {
      for (const s of stores) {
        if (req.result.objectStoreNames.contains(s.name)) continue;
        const created = req.result.createObjectStore(s.name, { keyPath: s.keyPath });
        for (const field of s.indexes ?? []) created.createIndex(field, field);
      }
    };
    req.onsuccess = () => {
      // a newer page (another tab) upgrading the database is not kept waiting by this one
      req.result.onversionchange = () => req.result.close();
      resolve(req.result);
    };
    req.onerror = () => reject(isQuota(req.error) ? toError(req.error) : unavailable(req.error?.message ?? 'IndexedDB refused'));
    req.onblocked = () => reject(unavailable('the database is blocked by another tab'));
  });
}
