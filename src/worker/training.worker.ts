// The training worker: picks a backend, then runs one training at a time on
// 'start' and stops it on 'stop'. Every failure becomes an 'error' message.
import * as tf from '@tensorflow/tfjs';
// The webgpu backend registers itself on import, only if navigator.gpu exists:
// the worker bundle itself must import it.
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendName, PageToWorker, WorkerToPage } from '../protocol/messages';
import { pickBackend, type GpuLike } from './backend';
import { describeError, startRun, type Run } from './run';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const send = (msg: WorkerToPage) => scope.postMessage(msg);

let current: Run | null = null;

const booted = (async () => {
  const backend = await pickBackend({
    gpu: (scope.navigator as unknown as { gpu?: GpuLike }).gpu,
    isRegistered: (name: BackendName) => tf.findBackendFactory(name) != null,
    setBackend: async (name: BackendName) => (await tf.setBackend(name)) && tf.getBackend() === name,
  });
  await tf.ready();
  send({ type: 'backend', backend });
  send({ type: 'ready', backend, tfVersion: tf.version.tfjs });
  return true;
})().catch((err: unknown) => {
  send({ type: 'error', message: describeError(err), where: 'backend' });
  return false;
});

async function handle(msg: PageToWorker): Promise<void> {
  switch (msg.type) {
    case 'start': {
      if (!(await booted)) {
        send({ type: 'error', message: 'Cannot train: no tfjs backend initialised', where: 'message' });
        return;
      }
      if (current) {
        send({ type: 'error', message: 'A training run is already in progress', where: 'message' });
        return;
      }
      const run = startRun(msg.config, send);
      current = run;
      await run.done;
      if (current === run) current = null;
      return;
    }
    case 'stop':
      current?.stop();
      return;
    default: {
      const unknown: never = msg;
      send({ type: 'error', message: `Unknown message ${JSON.stringify(unknown)}`, where: 'message' });
    }
  }
}

scope.onmessage = (event: MessageEvent<PageToWorker>) => {
  handle(event.data).catch((err: unknown) => send({ type: 'error', message: describeError(err), where: 'message' }));
};

scope.onunhandledrejection = (event: PromiseRejectionEvent) => {
  send({ type: 'error', message: describeError(event.reason), where: 'worker' });
};
