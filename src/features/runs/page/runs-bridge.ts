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
import { openRunsDb, toRunsDbError, type RunsDb, type SavedRun, type SavedRunState } from './runs-db';
import type { RunsState } from './runs-slice';
import { runName } from './run-name';

type RunsPatch = Partial<RunsState> | ((s: RunsState) => Partial<RunsState>);

/** The runs slice of the one store, read with a selector (a hook) or outside React. */
export const useRuns = Object.assign(<T>(select: (s: RunsState) => T): T => useStore((s) => select(s.saved)), {
  getState: (): RunsState => useStore.getState().saved,
  setState: (patch: RunsPatch): void =>
    useStore.setState((s) => ({ saved: { ...s.saved, ...(typeof patch === 'function' ? patch(s.saved) : patch) } })),
});

let db: RunsDb | null = null;
/** Writes happen one after another, in order. */
let queue: Promise<void> = Promise.resolve();
/** The current run hit a write error: no more writes for it. */
let currentFailed = false;

function fail(err: unknown): void {
  const e = toRunsDbError(err);
  currentFailed = true;
  useRuns.setState({ message: e.message });
}

function enqueue(fn: (db: RunsDb) => Promise<void>): Promise<void> {
  const d = db;
  if (!d) return queue;
  queue = queue.then(() => fn(d)).catch(fail);
  return queue;
}

/** The run whose final weights were asked of the worker (a next run may have begun since). */
let weightsFor: string | null = null;

/** The saved run with these fields replaced, in the list and in the database. */
function saveCurrent(patch: Partial<SavedRun>, id = useRuns.getState().currentId): void {
  if (!id || currentFailed) return;
  const run = useRuns.getState().runs.find((r) => r.id === id);
  if (!run) return;
  const next: SavedRun = { ...run, ...patch, updatedAt: Date.now() };
  useRuns.setState((s) => ({ runs: s.runs.map((r) => (r.id === id ? next : r)) }));
  void enqueue((d) => d.put(next));
}

function beginSaved(s: AppState): void {
  currentFailed = false;
  const now = Date.now();
  const shared = decodeState(currentHash(s));
  const run: SavedRun = {
    id: `run-${now.toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    name: runName(s.setup),
    createdAt: now,
    updatedAt: now,
    backend: s.backend?.name ?? null,
    state: 'running',
    shared: { setup: s.setup, callbacks: shared.callbacks, breakpoints: shared.breakpoints },
    batches: [],
    epochs: [],
    weights: null,
  };
  useRuns.setState((x) => ({ runs: [run, ...x.runs], currentId: run.id, openedId: null }));
  void enqueue((d) => d.put(run));
}

function endedState(detail: string | null): SavedRunState {
  return detail === 'finished' || detail === 'stopped' || detail === 'interrupted' ? detail : 'failed';
}

function onStore(s: AppState, prev: AppState): void {
  if (!db) return;
  if (s.runStartedAt !== prev.runStartedAt && s.runStartedAt != null) return beginSaved(s);
  const current = useRuns.getState().currentId;
  if (!current) return;
  if (runActive(s) && s.epochs.length > prev.epochs.length)
    saveCurrent({ batches: s.batches, epochs: s.epochs, backend: s.backend?.name ?? null });
  const ended = s.runState === 'done' || (s.runState === 'idle' && (s.runDetail === 'failed' || s.runDetail === 'interrupted'));
  if (ended && (prev.runState === 'training' || prev.runState === 'paused')) {
    saveCurrent({ batches: s.batches, epochs: s.epochs, state: endedState(s.runDetail) });
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
      const runs = await d.list();
      useRuns.setState({ available: true, runs });
    })
    .catch((err: unknown) => useRuns.setState({ available: false, message: toRunsDbError(err).message }));
  const unsubStore = useStore.subscribe(onStore);
  const unsubWorker = onWorkerMessage('model-exported', (msg) => {
    if (msg.purpose !== 'keep') return;
    if (weightsFor) saveCurrent({ weights: { modelJson: msg.modelJson, weights: msg.weights } }, weightsFor);
    weightsFor = null;
  });
  return () => {
    stopped = true;
    unsubStore();
    unsubWorker();
    db?.close();
    db = null;
  };
}

/** Shows a saved run: its setup (with its callbacks and breakpoints) in the panels, its curves in the charts. */
export function openRun(id: string): void {
  const run = useRuns.getState().runs.find((r) => r.id === id);
  const s = useStore.getState();
  if (!run || runActive(s)) return;
  s.replaceSetup(run.shared.setup);
  applyCallbacksAndBreakpoints(run.shared.callbacks, run.shared.breakpoints);
  useStore.setState({
    batches: run.batches,
    epochs: run.epochs,
    runDetail: run.state === 'running' ? 'stopped' : run.state,
    progress: null,
    diverged: null,
    error: null,
  });
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
  queue = queue.then(() => d.remove(id)).catch((err: unknown) => useRuns.setState({ message: toRunsDbError(err).message }));
}

export function toggleSelected(id: string): void {
  useRuns.setState((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] }));
}
