// Saved runs ("Keep"): a small typed layer over the raw IndexedDB API. Object store `runs`, keyed
// by id: a run's setup (the URL state's shape), name, dates, backend, the per-batch and per-epoch
// history, what the user's callbacks logged and, once it ended, its weights (model.json text + bytes).
// While a run trains, each epoch appends only what is new to store `history` (keyed [runId, seq]),
// so a write costs the same at epoch 200 as at epoch 1; reading a run joins its pieces, and its
// final record takes them in and deletes them.
// Every failure becomes a RunsDbError whose `kind` says what the page should tell the person:
// IndexedDB missing or refused (private mode), storage full, or anything else.
/// <reference lib="dom" />
// (the reference: the Node test project, lib ES2022 only, type-checks this file through its tests)
import { idbRequest, idbTransaction, idbTransactionOn, isQuota, openIdb } from '../../../app/idb';
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
/** 2: the `history` store of a running run's pieces. */
const DB_VERSION = 2;
const STORE = 'runs';
const HISTORY = 'history';

/** What one epoch of a running run adds to its history. */
export interface HistoryPiece {
  runId: string;
  seq: number;
  batches: BatchRecord[];
  epochs: EpochRecord[];
  /** The user's series' new points, by name. */
  userLog?: Record<string, { x: number[]; y: number[] }>;
}

/** The run with its pieces' history after its own, in order. */
function joined(run: SavedRun, pieces: readonly HistoryPiece[]): SavedRun {
  if (!pieces.length) return run;
  const log: Record<string, { x: number[]; y: number[] }> = Object.fromEntries(
    Object.entries(run.userLog ?? {}).map(([k, v]) => [k, { x: [...v.x], y: [...v.y] }]),
  );
  for (const p of pieces)
    for (const [k, v] of Object.entries(p.userLog ?? {})) {
      const s = (log[k] ??= { x: [], y: [] });
      s.x.push(...v.x);
      s.y.push(...v.y);
    }
  return {
    ...run,
    batches: run.batches.concat(...pieces.map((p) => p.batches)),
    epochs: run.epochs.concat(...pieces.map((p) => p.epochs)),
    ...(Object.keys(log).length ? { userLog: log } : {}),
  };
}

/** `runId`'s pieces, in order. */
const piecesOf = (history: IDBObjectStore, runId: string) => request(history.index('runId').getAll(runId)) as Promise<HistoryPiece[]>;

/** Deletes `runId`'s pieces. */
async function deletePieces(history: IDBObjectStore, runId: string): Promise<void> {
  const keys = await request(history.index('runId').getAllKeys(runId));
  for (const k of keys) await request(history.delete(k));
}

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

  private both<T>(mode: IDBTransactionMode, fn: (runs: IDBObjectStore, history: IDBObjectStore) => Promise<T>): Promise<T> {
    return idbTransactionOn(this.db, [STORE, HISTORY], mode, (t) => fn(t.objectStore(STORE), t.objectStore(HISTORY)), toRunsDbError);
  }

  /** The whole run: its record, which takes in (and replaces) the pieces it had. */
  put(run: SavedRun): Promise<void> {
    return this.both('readwrite', async (runs, history) => {
      await request(runs.put(run));
      await deletePieces(history, run.id);
    });
  }

  /** One epoch of a running run: its record without history (`meta`, small) and the history's new piece. */
  append(meta: SavedRun, piece: HistoryPiece): Promise<void> {
    return this.both('readwrite', async (runs, history) => {
      await request(runs.put(meta));
      await request(history.put(piece));
    });
  }

  get(id: string): Promise<SavedRun | null> {
    return this.both('readonly', async (runs, history) => {
      const run = (await request(runs.get(id))) as SavedRun | undefined;
      if (!run) return null;
      return joined(run, await piecesOf(history, id));
    });
  }

  /** Every saved run, newest first. */
  async list(): Promise<SavedRun[]> {
    const [all, pieces] = await this.both(
      'readonly',
      async (runs, history) =>
        [
          await request<SavedRun[]>(runs.getAll() as IDBRequest<SavedRun[]>),
          await request<HistoryPiece[]>(history.getAll() as IDBRequest<HistoryPiece[]>),
        ] as const,
    );
    const byRun = new Map<string, HistoryPiece[]>();
    for (const p of pieces) byRun.set(p.runId, [...(byRun.get(p.runId) ?? []), p]);
    return all.map((r) => joined(r, byRun.get(r.id) ?? [])).sort((a, b) => b.createdAt - a.createdAt);
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
    return this.both('readwrite', async (runs, history) => {
      await request(runs.delete(id));
      await deletePieces(history, id);
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
  const stores = [
    { name: STORE, keyPath: 'id' },
    { name: HISTORY, keyPath: ['runId', 'seq'], indexes: ['runId'] },
  ];
  return openIdb(factory, name, DB_VERSION, stores, unavailable, toRunsDbError).then((db) => new RunsDb(db));
}
