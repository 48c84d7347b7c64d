// The training worker: picks a backend, then runs one training at a time on
// 'start' and stops it on 'stop'. Every failure becomes an 'error' message.
import * as tf from '@tensorflow/tfjs';
// The webgpu backend registers itself on import, only if navigator.gpu exists:
// the worker bundle itself must import it.
import '@tensorflow/tfjs-backend-webgpu';
import { tuneWebGpu } from './webgpu-tuning';
import './wasm-backend';
import type { BackendName } from '../features/backend/messages';
import type { PageToWorker, WorkerToPage } from '../features/messages';
import { pickBackend, type GpuLike } from '../features/backend/worker/backend';
import { watchDeviceLoss, type LostInfo } from '../features/backend/worker/device-loss';
import { CallbacksFeature } from '../features/callbacks/worker/callbacks-feature';
import { DebuggerFeature } from '../features/debugger/worker/debugger-feature';
import { ModelExportFeature } from '../features/share/worker/model-export';
import { SetupFeature, availableBackends } from '../features/setup/worker/setup-feature';
import { MNIST_URL } from '../data/mnist';
import { DataSource } from '../features/setup/worker/data-source';
import { Session, describeError } from '../features/run/worker/session';

// The fused Adam step, a faster conv filter gradient and fewer queue submits (webgpu-tuning.ts).
tuneWebGpu();

const scope = self as unknown as DedicatedWorkerGlobalScope;
const send = (msg: WorkerToPage) => scope.postMessage(msg);

const setupFeature = new SetupFeature(send);
// The worker's script lives in assets/: MNIST is served beside the page, one level up.
const mnistUrl = new URL(`../${MNIST_URL}`, scope.location.href).href;
const session = new Session(send, [new DebuggerFeature(), new CallbacksFeature(send), setupFeature, new ModelExportFeature(send)], new DataSource(undefined, mnistUrl));

const booted = (async () => {
  const backend = await pickBackend({
    gpu: (scope.navigator as unknown as { gpu?: GpuLike }).gpu,
    isRegistered: (name: BackendName) => tf.findBackendFactory(name) != null,
    setBackend: async (name: BackendName) => (await tf.setBackend(name)) && tf.getBackend() === name,
  });
  await tf.ready();
  setupFeature.backend = backend;
  send({ type: 'backends', available: availableBackends() });
  send({ type: 'backend', backend });
  send({ type: 'ready', backend, tfVersion: tf.version.tfjs });
  watchDeviceLoss({
    lost: backend.name === 'webgpu' ? ((tf.backend() as unknown as { device?: { lost?: Promise<LostInfo> } }).device?.lost ?? null) : null,
    stopRun: () => void session.handle({ type: 'stop' }),
    setBackend: async (name) => (await tf.setBackend(name)) && tf.getBackend() === name,
    report: (message, next) => {
      send({ type: 'error', message, where: 'backend' });
      if (next) {
        setupFeature.backend = next;
        send({ type: 'backend', backend: next });
      }
    },
  });
  return true;
})().catch((err: unknown) => {
  send({ type: 'error', message: describeError(err), where: 'backend' });
  return false;
});

async function handle(msg: PageToWorker): Promise<void> {
  if (msg.type === 'test:lose-device') {
    (tf.backend() as unknown as { device?: { destroy(): void } }).device?.destroy();
    return;
  }
  // Every message waits for the backend: a model built before it would land on tfjs's default one.
  const ok = await booted;
  if (msg.type === 'start' && !ok) {
    send({ type: 'error', message: 'Cannot train: no tfjs backend initialised', where: 'message' });
    return;
  }
  // Not awaited: a run lasts; messages that arrive meanwhile (stop, pause) must be handled.
  session.handle(msg).catch((err: unknown) => send({ type: 'error', message: describeError(err), where: 'message' }));
}

scope.onmessage = (event: MessageEvent<PageToWorker>) => {
  handle(event.data).catch((err: unknown) => send({ type: 'error', message: describeError(err), where: 'message' }));
};

scope.onunhandledrejection = (event: PromiseRejectionEvent) => {
  send({ type: 'error', message: describeError(event.reason), where: 'worker' });
};
