// The backend's worker side: picks tfjs's backend at boot (WebGPU first, saying why not), lists
// the usable ones, switches on the user's pick (never during a run), and moves on when the GPU
// device is lost. `test:lose-device` is taken only in builds made for the e2e tests.
import * as tf from '@tensorflow/tfjs';
import { describeError, type Session } from '../../run/worker/session';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import type { Setup } from '../../setup/messages';
import type { BackendInfo, BackendName, BackendPageToWorker, BackendTestMessage } from '../messages';
import { memoryLimits } from './memory-limits';
import { pickBackend, type GpuLike } from './backend';
import { measureBackends } from './backend-speed';
import { SpeedProbe } from './speed-probe';
import { watchDeviceLoss, type LostInfo } from './device-loss';

interface WebGpuBackendLike {
  device?: { lost?: Promise<LostInfo>; destroy(): void };
}

const setTfBackend = async (name: BackendName) => (await tf.setBackend(name)) && tf.getBackend() === name;

export class BackendFeature implements WorkerFeature {
  /** The backend as picked at boot, for its adapter and the reason WebGPU was not used. */
  private picked: BackendInfo | null = null;

  readonly handlers: Handlers<BackendPageToWorker | BackendTestMessage> = {
    'set-backend': (msg, session) => this.setBackend(msg.name, session),
    'measure-backends': (msg, session) => this.measure(msg.setup, session),
    'test:lose-device': () => {
      if (!this.testHooks) return this.send({ type: 'error', message: 'test:lose-device is for test builds only', where: 'message' });
      (tf.backend() as unknown as WebGpuBackendLike).device?.destroy();
    },
  };

  constructor(
    private readonly send: Send,
    /** Whether this build takes the e2e tests' messages. */
    private readonly testHooks = false,
  ) {}

  /** Picks the backend and tells the page; false when none could start. `session` is stopped if the device is lost. */
  async boot(gpu: GpuLike | undefined, session: Pick<Session, 'stop'>): Promise<boolean> {
    const backend = await pickBackend({ gpu, isRegistered: (name) => tf.findBackendFactory(name) != null, setBackend: setTfBackend });
    await tf.ready();
    this.picked = backend;
    this.send({ type: 'backends', available: availableBackends() });
    const described = { ...backend, memory: memoryLimits() };
    this.send({ type: 'backend', backend: described });
    this.send({ type: 'ready', backend: described, tfVersion: tf.version.tfjs });
    watchDeviceLoss({
      lost: backend.name === 'webgpu' ? ((tf.backend() as unknown as WebGpuBackendLike).device?.lost ?? null) : null,
      stopRun: () => session.stop(),
      setBackend: setTfBackend,
      report: (message, next) => {
        this.send({ type: 'error', message, where: 'backend' });
        if (next) {
          this.picked = next;
          this.send({ type: 'backend', backend: { ...next, memory: memoryLimits() } });
        }
      },
    });
    return true;
  }

  private async measure(setup: Setup, session: Session): Promise<void> {
    const ran = await session.exclusive('measuring-backends', async () => {
      try {
        await session.data.prepare(setup.dataset);
      } catch (err) {
        this.send({ type: 'error', message: `Cannot measure the backends: ${describeError(err)}`, where: 'backend' });
        this.send({ type: 'backend-speeds', speeds: [], done: true });
        return false;
      }
      await measureBackends({
        backends: availableBackends(),
        current: tf.getBackend() as BackendName,
        setBackend: setTfBackend,
        time: () => timeSetup(setup, session),
        report: (speeds, done) => this.send({ type: 'backend-speeds', speeds, done }),
      });
      return true;
    });
    if (ran === null) this.send({ type: 'error', message: session.busyReason() ?? 'The worker is busy', where: 'backend' });
  }

  private async setBackend(name: BackendName, session: Session): Promise<void> {
    await session.settleWarmUp(); // let the old backend's compiles finish before it is left
    if (session.activity !== 'idle') {
      this.send({ type: 'error', message: 'Stop the run before switching the backend', where: 'backend' });
      return;
    }
    const ok = await setTfBackend(name).catch(() => false);
    if (!ok) {
      this.send({ type: 'error', message: `The ${name} backend could not be initialised here`, where: 'backend' });
      return;
    }
    await tf.ready();
    const auto = this.picked?.name === name;
    const info: BackendInfo = {
      name,
      fallbackReason: name === 'webgpu' ? null : auto ? (this.picked?.fallbackReason ?? null) : `WebGPU: you picked ${name}`,
      adapter: this.picked?.adapter ?? null,
      chosen: !auto,
      memory: memoryLimits(),
    };
    this.send({ type: 'backend', backend: info });
  }
}

/** The epochs a probe's fit may take: it ends the fit itself after its batches. */
const PROBE_EPOCHS = 1000;

/** The setup's samples/s on the backend now set: a bare Learner (no callbacks) timed by a SpeedProbe. */
async function timeSetup(setup: Setup, session: Session): Promise<number | null> {
  await tf.ready();
  const probe = new SpeedProbe();
  const built = session.buildLearner(setup, [probe]);
  try {
    await built.learn.fit(PROBE_EPOCHS);
  } finally {
    built.dispose();
  }
  return probe.samplesPerSecond;
}

/** The backends tfjs has a factory for here, in the order of preference. */
export function availableBackends(): BackendName[] {
  return (['webgpu', 'webgl', 'wasm', 'cpu'] as const).filter((n) => tf.findBackendFactory(n) != null);
}
