// The setup feature: describes the data and the model of a setup (fetching MNIST on demand),
// loads the user's CSV/IDX files, switches the tfjs backend, resets the weights between
// batches, and hooks the pictures (decision boundary, image grid, confusion) on every run.
import * as tf from '@tensorflow/tfjs';
import { DataError } from '../../../data/errors';
import type { Learner } from '../../../learner';
import type { BackendInfo, BackendName } from '../../backend/messages';
import type { PageToWorker } from '../../messages';
import type { Setup } from '../messages';
import { buildModel, resetWeights, summarize } from './build';
import { describeData } from './data-source';
import type { Send, WorkerFeature } from '../../../worker/feature';
import { describeError, type Session } from '../../run/worker/session';
import { PicturesCallback, extentOf } from '../../pictures/worker/pictures';

export class SetupFeature implements WorkerFeature {
  private pictures = new Map<Learner, PicturesCallback>();
  private resets = 0;
  /** The backend as picked at boot, for its adapter and the reason WebGPU was not used. */
  backend: BackendInfo | null = null;

  constructor(private readonly send: Send) {}

  attach(learn: Learner, session: Session): void {
    const setup = session.setup;
    if (!setup) return;
    const { full, train } = session.data.get(setup.dataset);
    const twoD = full.nFeatures === 2 && !full.imageShape;
    const cb = new PicturesCallback(this.send, {
      task: full.task,
      nClasses: full.task === 'classification' ? full.nClasses : 1,
      extent: twoD ? extentOf(train.x) : null,
      images: !!full.imageShape,
    });
    this.pictures.set(learn, cb);
    learn.addCb(cb);
  }

  detach(learn: Learner): void {
    this.pictures.get(learn)?.dispose();
    this.pictures.delete(learn);
  }

  async handle(msg: PageToWorker, session: Session): Promise<boolean> {
    switch (msg.type) {
      case 'describe':
        await this.describe(msg.setup, session);
        return true;
      case 'load-csv':
        if (await this.load(msg.name, session, async () => session.data.loadCsv(msg.name, msg.bytes, msg.label, msg.task))) {
          this.send({ type: 'csv-columns', csv: session.data.csvColumns() });
        }
        return true;
      case 'csv-label': {
        const file = session.data.csvColumns()?.file ?? 'CSV';
        if (await this.load(file, session, async () => session.data.relabelCsv(msg.label, msg.task))) {
          this.send({ type: 'csv-columns', csv: session.data.csvColumns() });
        }
        return true;
      }
      case 'load-idx':
        if (await this.load(msg.name, session, () => session.data.loadIdx(msg.name, msg.images, msg.labels))) {
          this.send({ type: 'csv-columns', csv: null });
        }
        return true;
      case 'set-backend':
        await this.setBackend(msg.name, session);
        return true;
      case 'reset-weights': {
        const setup = session.setup;
        if (!setup) return true;
        const n = ++this.resets;
        session.betweenBatches((learn) => resetWeights(learn, setup, session.data.get(setup.dataset), n));
        return true;
      }
      default:
        return false;
    }
  }

  /** Sends the dataset's description and the model's summary (or why it cannot be built). */
  async describe(setup: Setup, session: Session): Promise<void> {
    const what = setup.dataset.kind === 'mnist' ? 'MNIST' : null;
    if (what) this.send({ type: 'loading', what });
    let data;
    try {
      await session.data.prepare(setup.dataset);
      data = session.data.get(setup.dataset);
    } catch (err) {
      if (!(err instanceof DataError) && !(err instanceof RangeError)) throw err;
      this.send({ type: 'data-error', message: err.message, file: setup.dataset.kind });
      return;
    } finally {
      if (what) this.send({ type: 'loading', what: null });
    }
    this.send({ type: 'dataset', info: describeData(data, setup.dataset.kind) });
    try {
      const model = buildModel(setup, data);
      this.send({ type: 'model-summary', summary: summarize(model) });
      model.dispose();
    } catch (err) {
      this.send({ type: 'model-summary', summary: null, problem: describeError(err) });
    }
  }

  /** Parses a file (or re-parses the CSV); true when it became the user dataset. */
  private async load(name: string, session: Session, parse: () => Promise<unknown>): Promise<boolean> {
    this.send({ type: 'loading', what: name });
    try {
      await parse();
      const split = session.data.get({ kind: 'user', seed: 0, validPct: 0.2 });
      this.send({ type: 'dataset', info: describeData(split, 'user') });
      return true;
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      this.send({ type: 'data-error', message: err.message, file: name });
      return false;
    } finally {
      this.send({ type: 'loading', what: null });
    }
  }

  private async setBackend(name: BackendName, session: Session): Promise<void> {
    if (session.training) {
      this.send({ type: 'error', message: 'Stop the run before switching the backend', where: 'backend' });
      return;
    }
    const ok = (await tf.setBackend(name).catch(() => false)) && tf.getBackend() === name;
    if (!ok) {
      this.send({ type: 'error', message: `The ${name} backend could not be initialised here`, where: 'backend' });
      return;
    }
    await tf.ready();
    const adapter = this.backend?.adapter ?? null;
    const auto = this.backend?.name === name;
    const info: BackendInfo = {
      name,
      fallbackReason: name === 'webgpu' ? null : auto ? (this.backend?.fallbackReason ?? null) : `WebGPU: you picked ${name}`,
      adapter,
      chosen: !auto,
    };
    this.send({ type: 'backend', backend: info });
  }
}

/** The backends tfjs has a factory for here, in the order of preference. */
export function availableBackends(): BackendName[] {
  return (['webgpu', 'webgl', 'wasm', 'cpu'] as const).filter((n) => tf.findBackendFactory(n) != null);
}
