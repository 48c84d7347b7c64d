// The worker's one session: builds the data, model and Learner of a run, drives it (stop, pause,
// resume, changes between batches) and lets features hook every Learner. Everything a run
// allocates is disposed at its end, whatever happens.
import * as tf from '@tensorflow/tfjs';
import { LoopControl } from '../../../callbacks/loop-control';
import { StreamCallback } from '../../../callbacks/stream';
import type { Callback, Learner } from '../../../learner';
import type { PageToWorker } from '../../messages';
import type { Setup } from '../../setup/messages';
import { buildLearnerFor, type BuiltLearner } from '../../setup/worker/build';
import { DataSource } from '../../setup/worker/data-source';
import type { Send, WorkerFeature } from '../../../worker/feature';

export type { BuiltLearner } from '../../setup/worker/build';

interface Run {
  setup: Setup;
  learn: Learner | null;
  stream: StreamCallback;
  control: LoopControl;
  done: Promise<void>;
}

export class Session {
  private run: Run | null = null;

  constructor(
    readonly send: Send,
    private readonly features: readonly WorkerFeature[] = [],
    /** The datasets (MNIST fetched once, the user's file): buildLearner reads them synchronously. */
    readonly data: DataSource = new DataSource(),
  ) {}

  /** The setup of the current run, if one is training. */
  get setup(): Setup | null {
    return this.run?.setup ?? null;
  }

  /** The Learner of the current run, if one is training. */
  get learner(): Learner | null {
    return this.run?.learn ?? null;
  }

  /** The StreamCallback of the current run (features hand it what their callbacks produced). */
  get stream(): StreamCallback | null {
    return this.run?.stream ?? null;
  }

  get training(): boolean {
    return this.run !== null;
  }

  /** Runs `action` on the live Learner at the end of the current batch; false when no run is going. */
  betweenBatches(action: (learn: Learner) => void): boolean {
    const run = this.run;
    if (!run?.learn) return false;
    const learn = run.learn;
    run.control.enqueue(() => action(learn));
    return true;
  }

  async handle(msg: PageToWorker): Promise<void> {
    for (const f of this.features) if (f.handle && (await f.handle(msg, this))) return;
    switch (msg.type) {
      case 'start':
        if (this.run) return this.send({ type: 'error', message: 'A training run is already in progress', where: 'message' });
        return this.train(msg.setup);
      case 'stop':
        this.run?.stream.requestStop();
        this.run?.control.resume();
        return;
      case 'pause':
        return this.run?.control.pause();
      case 'resume':
        return this.run?.control.resume();
      // Handled by a feature (src/worker/features/callbacks.ts); here only if it is not installed.
      case 'callback-set':
      case 'lr-find':
        return this.send({ type: 'error', message: `No feature handles '${msg.type}'`, where: 'message' });
      default: {
        // Feature messages (setup, callbacks, debugger) that no feature took.
        const unknown = msg;
        this.send({ type: 'error', message: `Unknown message ${JSON.stringify(unknown)}`, where: 'message' });
      }
    }
  }

  /** Trains one run to its end; never rejects. */
  async train(setup: Setup): Promise<void> {
    const stream = new StreamCallback(this.send);
    const control = new LoopControl((paused) => this.send({ type: 'status', state: paused ? 'paused' : 'training' }));
    let done!: () => void;
    const run: Run = { setup, learn: null, stream, control, done: new Promise<void>((r) => (done = r)) };
    this.run = run;
    this.send({ type: 'status', state: 'training' });
    const before = tf.memory().numTensors - this.keptTensors();
    let failed = false;
    let built: BuiltLearner | null = null;
    try {
      await this.data.prepare(setup.dataset);
      built = this.buildLearner(setup, [stream, control]);
      const learn = built.learn;
      run.learn = learn;
      this.features.forEach((f) => f.attach?.(learn, this));
      await learn.fit(setup.epochs);
    } catch (err) {
      failed = true;
      this.send({ type: 'error', message: describeError(err), where: 'training' });
    } finally {
      const learn = run.learn;
      if (learn) this.features.forEach((f) => f.detach?.(learn, this));
      stream.close();
      control.dispose();
      built?.dispose();
      this.run = null;
      done();
    }
    const leaked = tf.memory().numTensors - this.keptTensors() - before;
    const detail = failed ? 'failed' : stream.stopping ? 'stopped' : 'finished';
    this.send({ type: 'status', state: failed ? 'idle' : 'done', detail, leakedTensors: leaked });
  }

  /** Tensors the features keep between runs on purpose (the kept model). */
  private keptTensors(): number {
    return this.features.reduce((n, f) => n + (f.keptTensors?.() ?? 0), 0);
  }

  /**
   * The data, model and Learner a setup describes, with `cbs` added (used by training and the LR
   * finder). The setup's data must be ready: `await session.data.prepare(setup.dataset)` first.
   */
  buildLearner(setup: Setup, cbs: Callback[]): BuiltLearner {
    return buildLearnerFor(setup, this.data.get(setup.dataset), cbs);
  }
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
