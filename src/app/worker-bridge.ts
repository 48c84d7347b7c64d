// The page's only door to the training worker: typed messages out, one store
// update per message in, and a crashed worker reported (then replaced on demand).
import type { BackendName } from '../features/backend/messages';
import type { PageToWorker, WorkerToPage } from '../features/messages';
import type { Setup } from '../features/setup/messages';
import { probeMessage } from './perf-probe';
import { useStore } from './store';

let worker: Worker | null = null;
const listeners = new Set<(msg: WorkerToPage) => void>();

/** Also hands every worker message to `fn` (features that keep their own state); returns the unsubscribe. */
export function onWorkerMessage(fn: (msg: WorkerToPage) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function spawn(): Worker {
  const w = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<WorkerToPage>) => {
    probeMessage(event.data);
    useStore.getState().applyWorkerMessage(event.data);
    for (const fn of listeners) fn(event.data);
  };
  w.onmessageerror = () =>
    useStore.getState().applyWorkerMessage({ type: 'error', message: 'A worker message could not be read', where: 'message' });
  w.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    const detail = event.message || 'the worker failed to load or threw outside a handler';
    if (worker === w) worker = null;
    w.terminate();
    useStore.getState().workerCrashed(`Training worker crashed: ${detail}`);
  };
  return w;
}

export function post(msg: PageToWorker): void {
  ensureWorker().postMessage(msg);
}

/** Starts the worker (it picks its backend right away); a crashed one is replaced. */
export function ensureWorker(): Worker {
  if (!worker) {
    if (useStore.getState().workerState === 'crashed') useStore.getState().workerRestarting();
    worker = spawn();
  }
  return worker;
}

export function startTraining(setup: Setup): void {
  useStore.getState().beginRun();
  post({ type: 'start', runId: 'pending', setup });
}

// -- setup (issue 3) --

/** Asks the worker to prepare the setup's data and describe it and the model. */
export function describeSetup(setup: Setup): void {
  post({ type: 'describe', setup });
}

export function pauseTraining(): void {
  if (worker) post({ type: 'pause' });
}

export function resumeTraining(): void {
  if (worker) post({ type: 'resume' });
}

export function resetWeights(): void {
  if (worker) post({ type: 'reset-weights' });
}

/** Another tfjs backend: switched in place by the worker; a crashed worker is restarted first. */
export function chooseBackend(name: BackendName): void {
  post({ type: 'set-backend', name });
}

/** Sends a file's bytes to the worker, which parses them (transferred, not copied). */
export function loadCsv(name: string, bytes: ArrayBuffer, label?: string): void {
  ensureWorker().postMessage({ type: 'load-csv', name, bytes, label } satisfies PageToWorker, [bytes]);
}

export function loadIdx(name: string, images: ArrayBuffer, labels: ArrayBuffer): void {
  ensureWorker().postMessage({ type: 'load-idx', name, images, labels } satisfies PageToWorker, [images, labels]);
}

export function stopTraining(): void {
  if (worker) post({ type: 'stop' });
}
