// The user's callback drafts, kept in the browser: a tiny typed layer over IndexedDB, its own
// database (`learner-playground-code`, one store `drafts` keyed by id) so it never touches the
// saved runs' schema. Only the person's own drafts are stored: code a link brought is not, until
// they accepted it. `added` is not stored: after a reload nothing runs until they press Add.
// Every failure becomes a DraftsDbError (IndexedDB missing or refused, storage full, or else).
/// <reference lib="dom" />
// (the reference: the Node test project, lib ES2022 only, type-checks this file through its tests)
import { idbRequest, idbTransaction, isQuota, openIdb } from '../../../app/idb';
import type { UserDraft } from './user-callbacks-slice';

/** One draft as stored. */
export interface SavedDraft {
  id: string;
  source: string;
  title: string;
  enabled: boolean;
  /** When it was written (ms): the drafts come back in the order they were given. */
  savedAt: number;
  /** Its place in the list. */
  order: number;
}

export type DraftsDbErrorKind = 'unavailable' | 'quota' | 'failed';

export class DraftsDbError extends Error {
  constructor(
    readonly kind: DraftsDbErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DraftsDbError';
  }
}

export const DRAFTS_DB_NAME = 'learner-playground-code';
const DB_VERSION = 1;
const STORE = 'drafts';

export function toDraftsDbError(err: unknown): DraftsDbError {
  if (err instanceof DraftsDbError) return err;
  if (isQuota(err)) return new DraftsDbError('quota', 'Browser storage is full: your callbacks are not saved.');
  const detail = err instanceof Error || err instanceof DOMException ? err.message : String(err);
  return new DraftsDbError('failed', `Saving your callbacks failed: ${detail || 'unknown IndexedDB error'}`);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return idbRequest(req, toDraftsDbError);
}

/** What is stored of a draft, or null for one that is not (a link's code not accepted yet). */
export function toSaved(d: UserDraft, order: number, savedAt: number): SavedDraft | null {
  if (d.fromLink) return null;
  return { id: d.id, source: d.source, title: d.title, enabled: d.enabled, savedAt, order };
}

/** A stored record back as a draft (not added); null for one that is not a draft (an older or foreign record). */
export function fromSaved(v: unknown): UserDraft | null {
  const r = v as Partial<SavedDraft> | null;
  if (typeof r !== 'object' || r === null) return null;
  if (typeof r.id !== 'string' || typeof r.source !== 'string' || typeof r.title !== 'string') return null;
  return { id: r.id, source: r.source, title: r.title, enabled: r.enabled !== false, added: false, fromLink: false };
}

export class DraftsDb {
  constructor(private readonly db: IDBDatabase) {}

  /** Runs `fn` in one transaction; resolves when it committed (quota errors show up at commit). */
  private tx<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => Promise<T> | T): Promise<T> {
    return idbTransaction(this.db, STORE, mode, fn, toDraftsDbError);
  }

  /** The saved drafts, in their list's order (not added, none from a link). */
  async all(): Promise<UserDraft[]> {
    const records = await this.tx('readonly', (s) => request<unknown[]>(s.getAll() as IDBRequest<unknown[]>));
    const order = (r: unknown) => {
      const o = (r as Partial<SavedDraft> | null)?.order;
      return typeof o === 'number' && Number.isFinite(o) ? o : Number.MAX_SAFE_INTEGER;
    };
    return records
      .slice()
      .sort((a, b) => order(a) - order(b))
      .flatMap((r) => {
        const d = fromSaved(r);
        return d ? [d] : [];
      });
  }

  /** Replaces everything stored by these drafts (a link's code left out), in one transaction. */
  putAll(drafts: readonly UserDraft[], now = Date.now()): Promise<void> {
    const records = drafts.flatMap((d, i) => {
      const r = toSaved(d, i, now);
      return r ? [r] : [];
    });
    return this.tx('readwrite', async (s) => {
      // queued in order in one transaction: the requests run one after another
      const pending: Promise<unknown>[] = [];
      try {
        pending.push(request(s.clear()));
        for (const r of records) pending.push(request(s.put(r)));
      } catch (err) {
        for (const p of pending) p.catch(() => {}); // aborted with the transaction
        throw err;
      }
      await Promise.all(pending);
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Opens (creating if needed) the drafts database; a DraftsDbError 'unavailable' when there is no IndexedDB or it is refused. */
export function openDraftsDb(factory: IDBFactory | undefined = globalThis.indexedDB, name = DRAFTS_DB_NAME): Promise<DraftsDb> {
  const unavailable = (why: string) => new DraftsDbError('unavailable', `Your callbacks cannot be kept in this browser (${why}).`);
  return openIdb(factory, name, DB_VERSION, STORE, unavailable, toDraftsDbError).then((db) => new DraftsDb(db));
}
