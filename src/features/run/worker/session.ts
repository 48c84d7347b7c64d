// The worker's one session, the only source of truth about what runs: one thing at a time
// (a training run or the LR finder), a start acknowledged ('run-started') or refused with the
// reason before anything else, a stop never dropped (even before the Learner exists, or while
// the debugger holds the loop), pause and resume of the live loop. It routes every page message
// to the one handler of its type and lets features hook every Learner. Everything a run
// allocates is disposed at its end, whatever happens.
import * as tf from '@tensorflow/tfjs';
import { LoopControl } from '../../../callbacks/loop-control';
import { StreamCallback } from '../../../callbacks/stream';
import type { Callback, Learner } from '../../../learner';
import type { PageToWorker } from '../../messages';
import type { Setup } from '../../setup/messages';
import { buildLearnerFor, warmUpPieces, type BuiltLearner } from '../../setup/worker/build';
import { DataSource } from '../../setup/worker/data-source';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import { BUSY_REASON, type RunPageToWorker, type WorkerActivity } from '../messages';
import { memoryProblem, type MemoryLimits } from '../../../shared/memory';
import { compileAhead } from '../../../worker/compile-ahead';
import { runMemory } from '../../setup/run-memory';
import { emptySplitProblem } from '../../../data/split';
import type { SplitData } from '../../setup/worker/data-source';

export type { BuiltLearner } from '../../setup/worker/build';

interface Run {
  runId: string;
  setup: Setup;
  learn: Learner | null;
  stream: StreamCallback;
  control: LoopControl;
}

/** The GPU work a run's reads come in groups of: a stop lands within about twice this (Recorder.maxLagMs). */
const READ_LAG_MS = 100;

type AnyHandler = (msg: PageToWorker, session: Session) => void | Promise<void>;

export class Session implements WorkerFeature {
  private run: Run | null = null;
  private current: WorkerActivity = 'idle';
  private readonly routes = new Map<string, AnyHandler>();
  /** The warm-up in progress (warmUpFor), if any. */
  private warming: Promise<void> | null = null;

  readonly handlers: Handlers<RunPageToWorker> = {
    start: (msg) => this.start(msg.runId, msg.setup),
    stop: () => this.stop(),
    pause: () => this.run?.control.pause(),
    resume: () => this.run?.control.resume(),
  };

  constructor(
    readonly send: Send,
    private readonly features: readonly WorkerFeature[] = [],
    /** The datasets (MNIST fetched once, the user's file): buildLearner reads them synchronously. */
    readonly data: DataSource = new DataSource(),
    /** What the backend can allocate, read at each start (null: no check). */
    private readonly memoryLimits: () => MemoryLimits | null = () => null,
  ) {
    for (const owner of [this, ...features]) {
      for (const [type, handler] of Object.entries(owner.handlers ?? {})) {
        if (this.routes.has(type)) throw new Error(`Two worker features handle '${type}'`);
        this.routes.set(type, handler as AnyHandler);
      }
    }
  }

  /** Runs the one handler of the message's type (and waits for it); a type nobody takes is reported. */
  async handle(msg: PageToWorker): Promise<void> {
    const handler = this.routes.get(msg.type);
    if (!handler) return this.send({ type: 'error', message: `No worker feature handles '${msg.type}'`, where: 'message' });
    await handler(msg, this);
  }

  /** What the worker is busy with. */
  get activity(): WorkerActivity {
    return this.current;
  }

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

  /** Why the worker cannot start something now, or null when it is free. */
  busyReason(): string | null {
    return this.current === 'idle' ? null : BUSY_REASON[this.current];
  }

  /** Runs `job` as the worker's one activity (the LR finder, the backend measurement); null when busy (nothing ran). */
  async exclusive<T>(activity: Exclude<WorkerActivity, 'idle' | 'training'>, job: () => Promise<T>): Promise<T | null> {
    if (this.busyReason()) return null;
    this.setActivity(activity);
    try {
      await this.settleWarmUp();
      return await job();
    } finally {
      this.setActivity('idle');
    }
  }

  /** Takes a start (and answers it at once) or refuses it with the reason. */
  start(runId: string, setup: Setup): Promise<void> | void {
    const busy = this.busyReason();
    if (busy) return this.send({ type: 'run-refused', runId, message: busy });
    // what the data already tells refuses the start, before a run record exists
    const ready = this.readyData(setup);
    const problem = ready && (emptySplitProblem(ready.full, setup.dataset.validPct, ready) ?? this.memoryProblem(setup, ready));
    if (problem) return this.send({ type: 'run-refused', runId, message: problem });
    return this.train(setup, runId);
  }

  /** The setup's split data when it is here without a fetch (not MNIST before its download), else null. */
  private readyData(setup: Setup): SplitData | null {
    try {
      return this.data.splitOf(setup.dataset);
    } catch {
      return null;
    }
  }

  /** Why a run of `setup` cannot fit in what the backend can allocate (with the estimate), or null. */
  private memoryProblem(setup: Setup, data: SplitData): string | null {
    const { full, train, valid } = data;
    const shape = {
      nFeatures: full.nFeatures,
      nRows: train.y.length + valid.y.length,
      task: full.task,
      nClasses: full.task === 'classification' ? full.nClasses : null,
      imageShape: full.imageShape ?? null,
    };
    return memoryProblem(runMemory(setup, shape), this.memoryLimits());
  }

  /** Stops the run: at its next batch, or at its first one if the Learner is not built yet. */
  stop(): void {
    const run = this.run;
    if (!run) return;
    run.stream.requestStop();
    run.control.resume();
    this.features.forEach((f) => f.stopping?.());
  }

  /** Trains one run to its end; never rejects. Acknowledged before the first await. */
  async train(setup: Setup, runId = 'run'): Promise<void> {
    const stream = new StreamCallback(this.send);
    const control = new LoopControl((paused) => this.send({ type: 'status', state: paused ? 'paused' : 'training', runId }));
    const run: Run = { runId, setup, learn: null, stream, control };
    this.run = run;
    this.setActivity('training');
    this.send({ type: 'run-started', runId });
    this.send({ type: 'status', state: 'training', runId });
    await this.settleWarmUp();
    const before = tf.memory().numTensors - this.featuresKeptTensors();
    let failed = false;
    let built: BuiltLearner | null = null;
    try {
      await this.data.prepare(setup.dataset);
      // checked again once the data is here (MNIST's first download)
      const tooBig = this.memoryProblem(setup, this.data.get(setup.dataset));
      if (tooBig) throw new RangeError(tooBig);
      built = this.buildLearner(setup, [stream, control]);
      const learn = built.learn;
      if (learn.recorder) learn.recorder.maxLagMs = READ_LAG_MS;
      run.learn = learn;
      this.features.forEach((f) => f.attach?.(learn, this));
      await learn.fit(setup.epochs);
    } catch (err) {
      failed = true;
      this.send({ type: 'error', message: describeError(err), where: 'training' });
      this.features.forEach((f) => f.failed?.(err));
    } finally {
      const learn = run.learn;
      if (learn) this.features.forEach((f) => f.detach?.(learn, this));
      stream.close();
      control.dispose();
      built?.dispose();
      this.run = null;
    }
    const leaked = tf.memory().numTensors - this.featuresKeptTensors() - before;
    const detail = failed ? 'failed' : stream.stopping ? 'stopped' : 'finished';
    this.send({ type: 'status', state: failed ? 'idle' : 'done', runId, detail, leakedTensors: leaked });
    this.setActivity('idle');
  }

  private setActivity(activity: WorkerActivity): void {
    if (activity === this.current) return;
    this.current = activity;
    this.send({ type: 'activity', activity });
  }

  /**
   * Compiles the backend's programs for a run of `setup` while nothing runs: a throwaway Learner's
   * step and evaluation at each batch shape, then what each feature computes in a run
   * (`compileAhead`: in parallel on WebGPU, piece by piece elsewhere). A start that comes
   * meanwhile waits for it to end. Null when it did not start (something runs, or another warm-up does).
   */
  warmUpFor(setup: Setup, data: SplitData): Promise<void> | null {
    if (this.current !== 'idle' || this.warming) return null;
    const built = buildLearnerFor(setup, data, []);
    const learn = built.learn;
    // the first training step first: what a run's first batch needs
    const [first, ...rest] = warmUpPieces(learn, setup, data);
    const features = this.features.flatMap((f) => (f.warmUp ? [() => f.warmUp!(learn, data)] : []));
    const groups = first ? [[first], [...rest, ...features]] : [features];
    this.warming = (async () => {
      try {
        await compileAhead(groups, () => this.current === 'idle');
      } finally {
        built.dispose();
        this.warming = null;
      }
    })();
    return this.warming;
  }

  /** Lets a warm-up in progress end and free its Learner: before an activity counts tensors or runs a program it compiles. */
  async settleWarmUp(): Promise<void> {
    await this.warming?.catch(() => undefined);
  }

  /** Tensors the features keep between runs on purpose (the kept model). */
  private featuresKeptTensors(): number {
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
