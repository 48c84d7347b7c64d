// The training worker: the features, their one route per message type, and the backend picked at
// boot. Every message waits for the backend (a model built before it would land on tfjs's
// default one); every failure becomes an 'error' message.
import '@tensorflow/tfjs';
// The webgpu backend registers itself on import, only if navigator.gpu exists:
// the worker bundle itself must import it.
import '@tensorflow/tfjs-backend-webgpu';
import { tuneWebGpu } from './webgpu-tuning';
import './wasm-backend';
import { MNIST_URL } from '../data/mnist';
import type { GpuLike } from '../features/backend/worker/backend';
import { BackendFeature } from '../features/backend/worker/backend-feature';
import { CallbacksFeature } from '../features/callbacks/worker/callbacks-feature';
import { DebuggerFeature } from '../features/debugger/worker/debugger-feature';
import { LrFinderFeature } from '../features/lr-finder/worker/lr-finder-feature';
import type { PageToWorker, WorkerToPage } from '../features/messages';
import { PicturesFeature } from '../features/pictures/worker/pictures-feature';
import { Session, describeError } from '../features/run/worker/session';
import { DataSource } from '../features/setup/worker/data-source';
import { SetupFeature } from '../features/setup/worker/setup-feature';
import { ModelExportFeature } from '../features/share/worker/model-export';
import type { AllHandled, HandledBy } from './feature';
import { holdLifeLock } from './life-lock';
import { memoryLimits } from '../features/backend/worker/memory-limits';
import { UserCallbacksFeature } from '../features/user-callbacks/worker/user-callbacks-feature';
import { loadBlobModule } from './blob-module';

// The fused Adam step, a faster conv filter gradient and fewer queue submits (webgpu-tuning.ts).
tuneWebGpu();

const scope = self as unknown as DedicatedWorkerGlobalScope;
const send = (msg: WorkerToPage) => scope.postMessage(msg);
// Held for as long as this worker lives: the page knows the moment it is gone (worker-life.ts).
holdLifeLock(scope.name, scope.navigator.locks, () => send({ type: 'life-lock-held' }));

const backend = new BackendFeature(send, import.meta.env.VITE_TEST_API === '1');
const callbacks = new CallbacksFeature(send);
const features = [
  backend,
  new SetupFeature(send),
  new PicturesFeature(send),
  new DebuggerFeature(send),
  callbacks,
  // after the callbacks feature: its run's start entry names the user's callbacks too
  new UserCallbacksFeature(send, loadBlobModule, callbacks),
  new LrFinderFeature(send),
  new ModelExportFeature(send),
] as const;
// Compiles only while every page message type has a handler (the session takes the run's own).
const everyMessageHandled: AllHandled<HandledBy<(typeof features)[number] | Session>> = true;
void everyMessageHandled;

// MNIST is served beside the page: resolved from the page's base URL, not from this script's.
const mnistUrl = new URL(`${import.meta.env.BASE_URL}${MNIST_URL}`, scope.location.origin).href;
const session = new Session(send, features, new DataSource(undefined, mnistUrl), memoryLimits);

const booted = backend.boot((scope.navigator as unknown as { gpu?: GpuLike }).gpu, session).catch((err: unknown) => {
  send({ type: 'error', message: describeError(err), where: 'backend' });
  return false;
});

async function handle(msg: PageToWorker): Promise<void> {
  const ok = await booted;
  if (msg.type === 'start' && !ok) {
    send({ type: 'run-refused', runId: msg.runId, message: 'Cannot train: no tfjs backend could start here' });
    return;
  }
  // Not awaited by the caller: a run lasts; messages that arrive meanwhile (stop, pause) must be handled.
  await session.handle(msg);
}

scope.onmessage = (event: MessageEvent<PageToWorker>) => {
  handle(event.data).catch((err: unknown) => send({ type: 'error', message: describeError(err), where: 'message' }));
};

scope.onunhandledrejection = (event: PromiseRejectionEvent) => {
  send({ type: 'error', message: describeError(event.reason), where: 'worker' });
};

// What the CSP blocks here (an eval, a load from elsewhere) is a bug to see: the page's own the browser logs.
scope.addEventListener('securitypolicyviolation', (event) => {
  const e = event as SecurityPolicyViolationEvent;
  send({
    type: 'error',
    message: `The Content-Security-Policy blocked ${e.blockedURI || 'code'} (${e.effectiveDirective}) in the worker`,
    where: 'worker',
  });
});
