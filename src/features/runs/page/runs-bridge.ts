// Keep: the current run is saved to IndexedDB as it goes — created when the worker takes the start
// (never for a start it refused), written at each epoch end (so a reload mid-run loses at most the current epoch) and when it ends, then its
// final weights are asked of the worker (the model export path, purpose 'keep') and added.
// Its state (the saved runs, the one saving now, the compare selection) is the store's runs slice.
// Without IndexedDB, or with storage full, it says so and training goes on unsaved.
import { applyCallbacksAndBreakpoints, currentHash } from '../../share/page/share-bridge';
import { useStore, type AppState } from '../../../app/store';
import { decodeState } from '../../share/page/url-state';
import { onWorkerMessage, post } from '../../../app/worker-client';
import { runActive } from '../../run/page/run-slice';
import type { UserDraft, UserLogState } from '../../user-callbacks/page/user-callbacks-slice';
import { openRunsDb, toRunsDbError, type HistoryPiece, type RunsDb, type SavedRun, type SavedRunState } from './runs-db';
import type { RunsState } from './runs-slice';
import { runName } from './run-name';
import { openRunsSync, withRun, type RunsSync, type RunsWrite } from './runs-sync';
import { readStorageEstimate } from './runs-storage';
import { probeIdbWrite } from '../../../app/perf-probe';
import { BatchHistory } from '../../run/page/batch-history';

type RunsPatch = Partial<RunsState> | ((s: RunsState) => Partial<RunsState>);

/** The runs slice of the one store, read with a selector (a hook) or outside React. */
export const useRuns = Object.assign(<T>(select: (s: RunsState) => T): T => useStore((s) => select(s.saved)), {
  getState: (): RunsState => useStore.getState().saved,
  setState: (patch: RunsPatch): void =>
    useStore.setState((s) => ({ saved: { ...s.saved, ...(typeof patch === 'function' ? patch(s.saved) : patch) } })),
});

let db: RunsDb | null = null;
let sync: RunsSync | null = null;
/** Writes happen one after another, in order. */
let queue: Promise<void> = Promise.resolve();
/** The current run hit a write error: no more writes for it. */
let currentFailed = false;
/** How much of the current run's history is saved: batches, epochs, each user series' points; the next piece's number. */
let savedUpTo = { batches: 0, epochs: 0, log: {} as Record<string, number>, seq: 0 };

function refreshStorage(): void {
  void readStorageEstimate().then((storage) => useRuns.setState({ storage }));
}

/** After a write committed: the other tabs re-read the run, the storage estimate is read again. */
function written(type: RunsWrite, id: string): void {
  sync?.announce(type, id);
  refreshStorage();
}

function fail(err: unknown): void {
  const e = toRunsDbError(err);
  currentFailed = true;
  useRuns.setState({ message: e.message });
}

/** The one run's record as stored, in the list too. */
function showStored(id: string, run: SavedRun | null): void {
  useRuns.setState((s) => ({ runs: s.runs.some((r) => r.id === id) ? withRun(s.runs, id, run) : s.runs }));
}

/**
 * A full write of the run did not fit: its stored record (what the last write that fitted kept)
 * is marked with its state and what it lacks, so it never reads "interrupted" with nothing to say.
 */
function markStored(d: RunsDb, id: string, state: SavedRunState, note: string, type: RunsWrite): Promise<void> {
  return d.mark(id, state, note).then((run) => {
    showStored(id, run);
    written(type, id);
  });
}

function enqueue(fn: (db: RunsDb) => Promise<void>, done?: { type: RunsWrite; id: string }): Promise<void> {
  const d = db;
  if (!d) return queue;
  queue = queue
    .then(() => fn(d))
    .then(() => done && written(done.type, done.id))
    .catch(fail);
  return queue;
}

/** The run whose final weights were asked of the worker (a next run may have begun since). */
let weightsFor: string | null = null;

/**
 * An epoch of the current run: only what is new since the last write goes to the database (a piece of
 * its history, and its record without history). The list's copy keeps the epochs (the Runs tab shows
 * them) and gets the batches with the final record.
 */
function saveEpoch(s: AppState, id: string): void {
  const run = useRuns.getState().runs.find((r) => r.id === id);
  if (!run || currentFailed) return;
  const up = savedUpTo;
  const log: NonNullable<HistoryPiece['userLog']> = {};
  const logged: Record<string, number> = {};
  for (const [name, series] of Object.entries(s.userLog.series)) {
    const from = Math.min(up.log[name] ?? 0, series.x.length);
    if (series.x.length > from) log[name] = { x: series.x.slice(from), y: series.y.slice(from) };
    logged[name] = series.x.length;
  }
  const piece: HistoryPiece = {
    runId: id,
    seq: up.seq,
    batches: s.batches.slice(up.batches),
    epochs: s.epochs.slice(up.epochs),
    ...(Object.keys(log).length ? { userLog: log } : {}),
  };
  savedUpTo = { batches: s.batches.length, epochs: s.epochs.length, log: logged, seq: up.seq + 1 };
  const meta: SavedRun = { ...run, backend: s.backend?.name ?? null, updatedAt: Date.now(), batches: [], epochs: [], userLog: undefined };
  useRuns.setState((x) => ({ runs: x.runs.map((r) => (r.id === id ? { ...meta, epochs: s.epochs } : r)) }));
  void enqueue(
    (d) => {
      probeIdbWrite('epoch', () => ({ meta, piece }));
      return d.append(meta, piece);
    },
    { type: 'epoch', id },
  );
}

/** The run's end: its final record, or where that does not fit, its state and why the rest is missing. */
function saveEnd(patch: Partial<SavedRun>, state: SavedRunState, id: string): void {
  const failedBefore = currentFailed;
  const run = useRuns.getState().runs.find((r) => r.id === id);
  const d = db;
  if (!run || !d) return;
  const next: SavedRun = { ...run, ...patch, state, updatedAt: Date.now() };
  useRuns.setState((s) => ({ runs: withRun(s.runs, id, next) }));
  queue = queue
    .then(async () => {
      if (failedBefore) return markStored(d, id, state, 'history not saved in full: storage full', 'ended');
      try {
        await d.put(next);
        written('ended', id);
      } catch (err) {
        if (toRunsDbError(err).kind !== 'quota') throw err;
        fail(err);
        await markStored(d, id, state, 'history not saved in full: storage full', 'ended');
      }
    })
    .catch(fail);
}

/** The run's final weights, or where they do not fit, a record that says so. */
function saveWeights(weights: SavedRun['weights'], id: string): void {
  const run = useRuns.getState().runs.find((r) => r.id === id);
  const d = db;
  if (!run || !d || currentFailed) return;
  const next: SavedRun = { ...run, weights, updatedAt: Date.now() };
  useRuns.setState((s) => ({ runs: withRun(s.runs, id, next) }));
  queue = queue
    .then(async () => {
      try {
        await d.put(next);
        written('weights', id);
      } catch (err) {
        if (toRunsDbError(err).kind !== 'quota') throw err;
        fail(err);
        await markStored(d, id, run.state, 'weights not saved: storage full', 'weights');
      }
    })
    .catch(fail);
}

function beginSaved(s: AppState): void {
  currentFailed = false;
  savedUpTo = { batches: 0, epochs: 0, log: {}, seq: 0 };
  const now = Date.now();
  const shared = decodeState(currentHash(s));
  const run: SavedRun = {
    id: `run-${now.toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    name: runName(s.setup),
    createdAt: now,
    updatedAt: now,
    backend: s.backend?.name ?? null,
    state: 'running',
    shared: {
      setup: s.setup,
      callbacks: shared.callbacks,
      breakpoints: shared.breakpoints,
      ...(shared.code ? { code: shared.code } : {}),
    },
    batches: [],
    epochs: [],
    weights: null,
  };
  useRuns.setState((x) => ({ runs: [run, ...x.runs], currentId: run.id, openedId: null }));
  void enqueue((d) => d.put(run), { type: 'created', id: run.id });
}

/** The logged series as they are now (copies: the store's arrays keep growing in place). */
function userLogOf(log: UserLogState): SavedRun['userLog'] {
  const entries = Object.entries(log.series);
  return entries.length ? Object.fromEntries(entries.map(([name, s]) => [name, { x: s.x.slice(), y: s.y.slice() }])) : undefined;
}

function endedState(detail: string | null): SavedRunState {
  return detail === 'finished' || detail === 'stopped' || detail === 'interrupted' ? detail : 'failed';
}

function onStore(s: AppState, prev: AppState): void {
  if (!db) return;
  if (s.runStartedAt !== prev.runStartedAt && s.runStartedAt != null) return beginSaved(s);
  const current = useRuns.getState().currentId;
  if (!current) return;
  if (runActive(s) && s.epochs.length > prev.epochs.length) saveEpoch(s, current);
  const ended = s.runState === 'done' || (s.runState === 'idle' && (s.runDetail === 'failed' || s.runDetail === 'interrupted'));
  if (ended && (prev.runState === 'training' || prev.runState === 'paused')) {
    saveEnd({ batches: s.batches.slice(), epochs: s.epochs, userLog: userLogOf(s.userLog) }, endedState(s.runDetail), current);
    useRuns.setState({ currentId: null });
    // a run that trained no batch (it failed, or stopped before its first) has no weights of its own
    if (s.runDetail !== 'failed' && s.runDetail !== 'interrupted' && s.batches.length > 0) {
      weightsFor = current;
      post({ type: 'model-export', purpose: 'keep' });
    }
  }
}

/** Opens the database, lists the saved runs and starts saving the current one. Returns the unsubscribe. */
export function initRuns(factory?: IDBFactory): () => void {
  let stopped = false;
  openRunsDb(factory ?? globalThis.indexedDB)
    .then(async (d) => {
      if (stopped) return d.close();
      db = d;
      sync = openRunsSync({
        read: (id) => d.get(id),
        got: (id, run) => {
          useRuns.setState((s) => ({
            runs: withRun(s.runs, id, run),
            selected: run ? s.selected : s.selected.filter((x) => x !== id),
            openedId: !run && s.openedId === id ? null : s.openedId,
          }));
          refreshStorage();
        },
        live: (id, live) =>
          useRuns.setState((s) => ({
            liveElsewhere: live ? [...s.liveElsewhere.filter((x) => x !== id), id] : s.liveElsewhere.filter((x) => x !== id),
          })),
        currentId: () => useRuns.getState().currentId,
      });
      const runs = await d.list();
      useRuns.setState({ available: true, runs });
      refreshStorage();
    })
    .catch((err: unknown) => useRuns.setState({ available: false, message: toRunsDbError(err).message }));
  const unsubStore = useStore.subscribe(onStore);
  const unsubWorker = onWorkerMessage('model-exported', (msg) => {
    if (msg.purpose !== 'keep') return;
    if (weightsFor) saveWeights({ modelJson: msg.modelJson, weights: msg.weights }, weightsFor);
    weightsFor = null;
  });
  // a tab closed mid-run: the others stop showing its run as running
  const onHide = () => {
    const id = useRuns.getState().currentId;
    if (id) sync?.announce('ended', id);
  };
  globalThis.addEventListener?.('pagehide', onHide);
  return () => {
    stopped = true;
    unsubStore();
    unsubWorker();
    globalThis.removeEventListener?.('pagehide', onHide);
    sync?.close();
    sync = null;
    db?.close();
    db = null;
  };
}

/**
 * The run's code not among the drafts yet (same source), as ordinary drafts: the person's own run,
 * saved in their own browser. Not added: nothing is sent until they press Add.
 */
export function runCodeDrafts(code: Record<string, string> | undefined, drafts: readonly UserDraft[]): UserDraft[] {
  const have = new Set(drafts.map((d) => d.source));
  return Object.entries(code ?? {}).flatMap(([title, source]) => {
    if (have.has(source)) return [];
    have.add(source);
    return [{ id: `cb-${crypto.randomUUID()}`, source, title, added: false, enabled: true, fromLink: false }];
  });
}

/** Shows a saved run: its setup (with its callbacks, breakpoints and code) in the panels, its curves in the charts. */
export function openRun(id: string): void {
  const run = useRuns.getState().runs.find((r) => r.id === id);
  const s = useStore.getState();
  if (!run || runActive(s)) return;
  s.replaceSetup(run.shared.setup);
  applyCallbacksAndBreakpoints(run.shared.callbacks, run.shared.breakpoints);
  const fresh = runCodeDrafts(run.shared.code, s.userCallbacks.drafts);
  if (fresh.length) s.setUserDrafts([...s.userCallbacks.drafts, ...fresh]);
  const series = Object.fromEntries(Object.entries(run.userLog ?? {}).map(([name, l]) => [name, { x: l.x.slice(), y: l.y.slice() }]));
  useStore.setState((x) => ({
    userLog: { key: `saved-${id}`, series, version: x.userLog.version + 1 },
    batches: BatchHistory.of(run.batches),
    epochs: run.epochs,
    runDetail: run.state === 'running' ? 'stopped' : run.state,
    progress: null,
    diverged: null,
    error: null,
  }));
  useRuns.setState({ openedId: id });
}

/** A run offers its weights only if it trained a batch (runs saved by older pages may hold untrained ones). */
export function offersWeights(run: SavedRun): boolean {
  return run.weights !== null && run.batches.length > 0;
}

/** Sends the run's weights to the worker: the next run starts from them (refused with a reason when they do not fit). */
export function loadRunWeights(id: string): void {
  const run = useRuns.getState().runs.find((r) => r.id === id);
  if (!run?.weights || !offersWeights(run)) return;
  const weights = run.weights.weights.slice(0);
  post({ type: 'model-import', setup: run.shared.setup, name: run.name, modelJson: run.weights.modelJson, weights }, [weights]);
}

export function renameRun(id: string, name: string): void {
  const d = db;
  if (!d) return;
  queue = queue
    .then(async () => {
      const next = await d.rename(id, name);
      useRuns.setState((s) => ({ runs: s.runs.map((r) => (r.id === id ? next : r)) }));
      written('renamed', id);
    })
    .catch((err: unknown) => useRuns.setState({ message: toRunsDbError(err).message }));
}

export function deleteRun(id: string): void {
  useRuns.setState((s) => ({
    runs: s.runs.filter((r) => r.id !== id),
    selected: s.selected.filter((x) => x !== id),
    currentId: s.currentId === id ? null : s.currentId,
    openedId: s.openedId === id ? null : s.openedId,
  }));
  const d = db;
  if (!d) return;
  queue = queue
    .then(() => d.remove(id))
    .then(() => written('deleted', id))
    .catch((err: unknown) => useRuns.setState({ message: toRunsDbError(err).message }));
}

export function toggleSelected(id: string): void {
  useRuns.setState((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] }));
}
