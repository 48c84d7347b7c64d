// The page's only door to the training worker: typed messages out, one store
// update per message in, and a crashed worker reported (then replaced on demand).
import type { PageToWorker, TrainConfig, WorkerToPage } from '../protocol/messages';
import { useStore } from './store';

let worker: Worker | null = null;

function spawn(): Worker {
  const w = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<WorkerToPage>) => useStore.getState().applyWorkerMessage(event.data);
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

function post(msg: PageToWorker): void {
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

export function startTraining(config: TrainConfig): void {
  useStore.getState().beginRun();
  post({ type: 'start', config });
}

export function stopTraining(): void {
  if (worker) post({ type: 'stop' });
}
