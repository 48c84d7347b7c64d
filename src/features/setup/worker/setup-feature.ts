// The setup feature: describes the data and the model of a setup (fetching MNIST on demand),
// names each run's model as PyTorch would, loads the user's CSV/IDX files and resets the weights
// between batches.
import { DataError } from '../../../data/errors';
import type { LoadProgress, Setup, SetupPageToWorker } from '../messages';
import { LoadCancelled } from './csv-file';
import * as tf from '@tensorflow/tfjs';
import { buildModel, modelNames, resetWeights, summarize } from './build';
import { describeData, type SplitData } from './data-source';
import { emptySplitProblem } from '../../../data/split';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import { describeError, type Session } from '../../run/worker/session';
import { datasetKindOf } from '../../../data/kinds/catalog';
import type { Learner } from '../../../learner';

/** Backends that compile a program per kernel and shape on first use (the others have nothing to warm). */
const COMPILING_BACKENDS = new Set(['webgpu', 'webgl']);

/** At most one progress message per this many ms while a file is read. */
const PROGRESS_MS = 100;

export class SetupFeature implements WorkerFeature {
  private resets = 0;
  /** The CSV file being read, to cancel. */
  private reading: AbortController | null = null;
  /** The shapes the backend's programs were last compiled for (warmUp). */
  private warmed: string | null = null;

  readonly handlers: Handlers<SetupPageToWorker> = {
    describe: (msg, session) => this.describe(msg.setup, session),
    'load-csv': async (msg, session) => {
      // a new file replaces one still being read
      this.reading?.abort();
      const reading = new AbortController();
      this.reading = reading;
      let said = -Infinity;
      const onProgress = (progress: LoadProgress) => {
        const now = performance.now();
        if (reading.signal.aborted || (now - said < PROGRESS_MS && progress.bytes < progress.total)) return;
        said = now;
        this.send({ type: 'loading', what: msg.name, progress });
      };
      const read = () => session.data.loadCsv(msg.name, msg.file, msg.label, msg.task, { onProgress, signal: reading.signal });
      try {
        if (await this.load(msg.name, session, read, () => this.reading === reading)) {
          this.send({ type: 'csv-columns', csv: session.data.csvColumns() });
        }
      } finally {
        if (this.reading === reading) this.reading = null;
      }
    },
    'cancel-load': () => this.reading?.abort(),
    'csv-label': async (msg, session) => {
      const file = session.data.csvColumns()?.file ?? 'CSV';
      if (await this.load(file, session, async () => session.data.relabelCsv(msg.label, msg.task))) {
        this.send({ type: 'csv-columns', csv: session.data.csvColumns() });
      }
    },
    'load-idx': async (msg, session) => {
      if (await this.load(msg.name, session, () => session.data.loadIdx(msg.name, msg.images, msg.labels))) {
        this.send({ type: 'csv-columns', csv: null });
      }
    },
    'reset-weights': (_msg, session) => {
      const setup = session.setup;
      if (!setup) return;
      const n = ++this.resets;
      session.betweenBatches((learn) => resetWeights(learn, setup, session.data.get(setup.dataset), n));
    },
  };

  constructor(private readonly send: Send) {}

  /** The run's model: its tfjs names differ from the described one's (tfjs counts layers). */
  attach(learn: Learner, session: Session): void {
    const setup = session.setup;
    if (setup) this.send({ type: 'model-names', names: modelNames(setup, session.data.get(setup.dataset), learn.model) });
  }

  /** Sends the dataset's description and the model's summary (or why it cannot be built). */
  async describe(setup: Setup, session: Session): Promise<void> {
    await session.settleWarmUp(); // its programs may not be ready to run yet
    const what = datasetKindOf(setup.dataset).loading ?? null;
    if (what) this.send({ type: 'loading', what });
    let data;
    try {
      await session.data.prepare(setup.dataset);
      data = session.data.splitOf(setup.dataset);
    } catch (err) {
      if (!(err instanceof DataError) && !(err instanceof RangeError)) throw err;
      this.send({ type: 'data-error', message: err.message, file: setup.dataset.kind });
      return;
    } finally {
      if (what) this.send({ type: 'loading', what: null });
    }
    this.send({ type: 'dataset', info: describeData(data, setup.dataset.kind) });
    // said before Train is pressed: a run of this split would fail at its first validation
    const problem = emptySplitProblem(data.full, setup.dataset.validPct, data);
    if (problem) this.send({ type: 'data-error', message: problem, file: data.name });
    try {
      const model = buildModel(setup, data);
      this.send({ type: 'model-summary', summary: summarize(model, modelNames(setup, data, model)) });
      model.dispose();
    } catch (err) {
      this.send({ type: 'model-summary', summary: null, problem: describeError(err) });
      return;
    }
    if (!problem) this.warmUpFor(setup, data, session);
  }

  /** Compiles the backend's programs for this setup's step while nothing runs, once per shape. */
  private warmUpFor(setup: Setup, data: SplitData, session: Session): void {
    if (!COMPILING_BACKENDS.has(tf.getBackend()) || session.activity !== 'idle') return;
    const { full } = data;
    const key = JSON.stringify([
      tf.getBackend(),
      setup.model,
      setup.optimizer,
      setup.batchSize,
      setup.wd > 0,
      full.nFeatures,
      full.imageShape,
      full.task === 'classification' ? full.nClasses : 0,
      data.train.y.length, // the last batches' shapes
      data.valid.y.length,
    ]);
    if (key === this.warmed) return;
    // only a head start: the run itself says what is wrong
    try {
      const warming = session.warmUpFor(setup, data);
      if (warming) this.warmed = key;
      warming?.catch(() => undefined);
    } catch {
      // a setup the Learner refuses: Train says why
    }
  }

  /**
   * Parses a file (or re-parses the CSV); true when it became the user dataset. `current`: false
   * once another load replaced this one (its end then says nothing about what is loading).
   */
  private async load(name: string, session: Session, parse: () => Promise<unknown>, current = () => true): Promise<boolean> {
    this.send({ type: 'loading', what: name });
    try {
      await parse();
      const split = session.data.splitOf({ kind: 'user', seed: 0, validPct: 0.2 });
      this.send({ type: 'dataset', info: describeData(split, 'user') });
      return true;
    } catch (err) {
      if (err instanceof LoadCancelled) {
        if (current()) this.send({ type: 'load-cancelled', file: name });
        return false;
      }
      if (!(err instanceof DataError)) throw err;
      this.send({ type: 'data-error', message: err.message, file: name });
      return false;
    } finally {
      if (current()) this.send({ type: 'loading', what: null });
    }
  }
}
