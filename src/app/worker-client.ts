// The page's one client of the training worker: it owns the Worker, posts typed messages, applies
// each reply to the store once (every slice's reducer, in one update), then hands it to the
// listeners of its type (features that do something besides the store: a download, a database
// write). A crashed worker is reported and replaced on the next message.
import type { PageToWorker, WorkerMessageType, WorkerToPage } from '../features/messages';
import { probeMessage } from './perf-probe';
import { useStore, type AppState } from './store';
import { lifeLockName, onWorkerGone, silentFor } from './worker-life';

type MessageOf<T extends WorkerMessageType> = Extract<WorkerToPage, { type: T }>;
type Listener = (msg: WorkerToPage) => void;

let worker: Worker | null = null;
/** When the worker last said anything (Date.now()). */
let lastMessageAt = Date.now();
let silenceTimer: ReturnType<typeof setInterval> | null = null;
const listeners = new Map<WorkerMessageType, Set<Listener>>();

/** Calls `fn` with every worker message of this type, after the store has it; returns the unsubscribe. */
export function onWorkerMessage<T extends WorkerMessageType>(type: T, fn: (msg: MessageOf<T>) => void): () => void {
  const set = listeners.get(type) ?? new Set<Listener>();
  listeners.set(type, set);
  const listener = fn as Listener;
  set.add(listener);
  return () => set.delete(listener);
}

function receive(msg: WorkerToPage): void {
  lastMessageAt = Date.now();
  if (useStore.getState().workerSilentFor !== null) useStore.getState().workerSilence(null);
  probeMessage(msg);
  useStore.getState().applyWorkerMessage(msg);
  listeners.get(msg.type)?.forEach((fn) => fn(msg));
}

/** A run, the LR finder or a measurement is going and not held on purpose (paused, in the debugger): the worker should be talking. */
function expectingMessages(s: AppState): boolean {
  if (s.runState === 'starting') return true;
  if (s.runState === 'training') return !s.debug.paused;
  return s.activity === 'lr-find' || s.activity === 'measuring-backends';
}

function watchSilence(): void {
  if (silenceTimer) return;
  silenceTimer = setInterval(() => {
    const s = useStore.getState();
    const silent = worker ? silentFor(Date.now(), lastMessageAt, expectingMessages(s)) : null;
    if (silent !== s.workerSilentFor) s.workerSilence(silent);
  }, 1000);
}

function spawn(): Worker {
  const name = lifeLockName();
  const w = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name });
  lastMessageAt = Date.now();
  watchSilence();
  w.onmessage = (event: MessageEvent<WorkerToPage>) => {
    if (event.data.type === 'life-lock-held') {
      onWorkerGone(name, () => {
        if (worker !== w) return; // replaced or terminated by the page
        worker = null;
        w.terminate();
        useStore.getState().workerCrashed('The training worker stopped responding (it closed or was killed): restart it to go on');
      });
    }
    receive(event.data);
  };
  w.onmessageerror = () => receive({ type: 'error', message: 'A worker message could not be read', where: 'message' });
  w.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    const detail = event.message || 'the worker failed to load or threw outside a handler';
    if (worker === w) worker = null;
    w.terminate();
    useStore.getState().workerCrashed(`Training worker crashed: ${detail}`);
  };
  return w;
}

/** Starts the worker (it picks its backend right away); a crashed one is replaced. */
export function ensureWorker(): Worker {
  if (!worker) {
    if (useStore.getState().workerState === 'crashed') useStore.getState().workerRestarting();
    worker = spawn();
  }
  return worker;
}

/**
 * A new worker in place of a crashed, silent or stuck one (the setup is the page's; the worker is
 * told it again as it is used). A worker still alive is stopped first, and what it ran ends with it.
 */
export function restartWorker(reason = 'The training worker was restarted'): void {
  const old = worker;
  worker = null;
  old?.terminate();
  if (old) useStore.getState().workerCrashed(reason);
  ensureWorker();
}

/** Sends a message (starting the worker if needed); `transfer`: buffers moved to the worker, not copied. */
export function post(msg: PageToWorker, transfer: Transferable[] = []): void {
  ensureWorker().postMessage(msg, transfer);
}

/** Sends only to a worker that is already running (pause, resume, stop: nothing to do for a new one). */
export function postIfRunning(msg: PageToWorker): void {
  worker?.postMessage(msg);
}
