// Saved runs ("Keep"): a small typed layer over the raw IndexedDB API. One object store,
// `runs`, keyed by id; a run holds its setup (the URL state's shape), name, dates, backend, the
// per-batch and per-epoch history, what the user's callbacks logged and, once it ended, its weights (model.json text + bytes).
// Every failure becomes a RunsDbError whose `kind` says what the page should tell the person:
// IndexedDB missing or refused (private mode), storage full, or anything else.
/// <reference lib="dom" />
// (the reference: the Node test project, lib ES2022 only, type-checks this file through its tests)
import { idbRequest, idbTransaction, isQuota, openIdb } from '../../../app/idb';
import type { BatchRecord, EpochRecord } from '../../run/messages';
import type { SharedState } from '../../share/page/url-state';

export interface SavedWeights {
  modelJson: string;
  weights: ArrayBuffer;
}

/** 'interrupted': the worker died under it (a run left 'running' by a closed tab reads the same in the list). */
export type SavedRunState = 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';

export interface SavedRun {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** The tfjs backend that trained it ('webgpu', 'webgl', 'wasm', 'cpu'), null if unknown. */
  backend: string | null;
  state: SavedRunState;
  /** Setup, enabled callbacks, breakpoints and the user callbacks' code: what a link carries. */
  shared: SharedState;
  batches: BatchRecord[];
  epochs: EpochRecord[];
  /** What the user's callbacks logged (`this.log`), by name; absent in runs saved by older pages. */
  userLog?: Record<string, { x: number[]; y: number[] }>;
  /** The final weights (null while running, or when they did not fit). */
  weights: SavedWeights | null;
  /** What the record lacks and why, e.g. 'weights not saved: storage full' (absent: it holds everything). */
  note?: string;
}

export type RunsDbErrorKind = 'unavailable' | 'quota' | 'failed';

export class RunsDbError extends Error {
  constructor(
    readonly kind: RunsDbErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RunsDbError';
  }
}

const DB_NAME = 'learner-playground';
const DB_VERSION = 1;
const STORE = 'runs';

/** A RunsDbError for whatever IndexedDB threw or reported. */
export function toRunsDbError(err: unknown): RunsDbError {
  if (err instanceof RunsDbError) return err;
  if (isQuota(err)) return new RunsDbError('quota', 'Browser storage is full: this run is not saved. Delete saved runs to make room.');
  const detail = err instanceof Error || err instanceof DOMException ? err.message : String(err);
  return new RunsDbError('failed', `Saving runs failed: ${detail || 'unknown IndexedDB error'}`);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return idbRequest(req, toRunsDbError);
}

export class RunsDb {
  constructor(private readonly db: IDBDatabase) {}

  /** Runs `fn` in one transaction; resolves when it committed (quota errors show up at commit). */
  private tx<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => Promise<T> | T): Promise<T> {
    return idbTransaction(this.db, STORE, mode, fn, toRunsDbError);
  }

  put(run: SavedRun): Promise<void> {
    return this.tx('readwrite', async (s) => {
      await request(s.put(run));
    });
  }

  get(id: string): Promise<SavedRun | null> {
    return this.tx('readonly', async (s) => ((await request(s.get(id))) as SavedRun | undefined) ?? null);
  }

  /** Every saved run, newest first. */
  async list(): Promise<SavedRun[]> {
    const all = await this.tx('readonly', (s) => request<SavedRun[]>(s.getAll() as IDBRequest<SavedRun[]>));
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }

  async rename(id: string, name: string): Promise<SavedRun> {
    return this.tx('readwrite', async (s) => {
      const run = (await request(s.get(id))) as SavedRun | undefined;
      if (!run) throw new RunsDbError('failed', 'That run is no longer saved');
      const next = { ...run, name: name.trim() || run.name, updatedAt: Date.now() };
      await request(s.put(next));
      return next;
    });
  }

  /** Sets the state and note of the run as stored (a small write, for when the full one did not fit). */
  async mark(id: string, state: SavedRunState, note: string): Promise<SavedRun | null> {
    return this.tx('readwrite', async (s) => {
      const run = (await request(s.get(id))) as SavedRun | undefined;
      if (!run) return null;
      const next: SavedRun = { ...run, state, note, updatedAt: Date.now() };
      await request(s.put(next));
      return next;
    });
  }

  remove(id: string): Promise<void> {
    return this.tx('readwrite', async (s) => {
      await request(s.delete(id));
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Opens (creating if needed) the runs database; a RunsDbError 'unavailable' when there is no IndexedDB or it is refused. */
export function openRunsDb(factory: IDBFactory | undefined = globalThis.indexedDB, name = DB_NAME): Promise<RunsDb> {
  const unavailable = (why: string) =>
    new RunsDbError('unavailable', `Runs cannot be saved in this browser (${why}); training works, but nothing is kept.`);
  return openIdb(factory, name, DB_VERSION, STORE, unavailable, toRunsDbError).then((db) => new RunsDb(db));
}
