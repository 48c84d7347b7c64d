// Export / import of the trained model. The worker keeps the last trained model's
// weights (copies, disposed when replaced), saves them as TensorFlow.js files for the page, and
// loads files back: their weights start the next run when they fit its setup's model.
import * as tf from '@tensorflow/tfjs';
import type { Learner } from '../../../learner';
import type { Setup } from '../../setup/messages';
import { WEIGHTS_FILE, type ExportPurpose, type KeptModelInfo, type SharePageToWorker } from '../messages';
import { buildModel } from '../../setup/worker/build';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import { loadFromMemory, saveToMemory, shapeMismatch } from './model-io';
import { describeError, type Session } from '../../run/worker/session';
import { modelSummary } from '../../../models/kinds/catalog';

interface Kept {
  setup: Setup;
  weights: tf.Tensor[];
  info: KeptModelInfo;
}

export class ModelExportFeature implements WorkerFeature {
  private kept: Kept | null = null;

  constructor(private readonly send: Send) {}

  /** Tensors held between runs (the session does not count them as leaked). */
  keptTensors(): number {
    return this.kept?.weights.length ?? 0;
  }

  attach(learn: Learner): void {
    const k = this.kept;
    if (!k?.info.continueNext) return;
    const problem = shapeMismatch(
      k.weights.map((w) => w.shape),
      learn.model.getWeights().map((w) => w.shape),
    );
    if (problem) {
      this.send({ type: 'model-refused', message: `The imported model was not used: ${problem}` });
    } else {
      learn.model.setWeights(k.weights);
    }
    k.info = { ...k.info, continueNext: false };
    this.sendState();
  }

  detach(learn: Learner, session: Session): void {
    const setup = session.setup;
    if (!setup) return;
    const weights = learn.model.getWeights().map((w) => w.clone());
    this.replace({
      setup,
      weights,
      info: { source: 'trained', name: describeSetup(setup), params: learn.model.countParams(), continueNext: false },
    });
  }

  readonly handlers: Handlers<SharePageToWorker> = {
    // a warm-up's programs may still be compiling: they cannot run until it is done
    'model-export': async (msg, session) => {
      await session.settleWarmUp();
      await this.export(session, msg.purpose ?? 'download');
    },
    'model-import': async (msg, session) => {
      await session.settleWarmUp();
      await this.import(msg.setup, msg.name, msg.modelJson, msg.weights, session);
    },
  };

  private async export(session: Session, purpose: ExportPurpose): Promise<void> {
    const k = this.kept;
    if (!k) return this.send({ type: 'model-refused', message: 'Train a model (or load one) before exporting it' });
    let model: tf.LayersModel | null = null;
    try {
      await session.data.prepare(k.setup.dataset);
      model = buildModel(k.setup, session.data.get(k.setup.dataset));
      model.setWeights(k.weights);
      const saved = await saveToMemory(model);
      this.send({ type: 'model-exported', modelJson: saved.modelJson, weightsFile: WEIGHTS_FILE, weights: saved.weights, purpose });
    } catch (err) {
      this.send({ type: 'model-refused', message: `The model could not be exported: ${describeError(err)}` });
    } finally {
      model?.dispose();
    }
  }

  private async import(setup: Setup, name: string, modelJson: string, weights: ArrayBuffer, session: Session): Promise<void> {
    if (session.training) return this.send({ type: 'model-refused', message: 'Stop the run before loading a model' });
    let loaded: tf.LayersModel | null = null;
    let fresh: tf.LayersModel | null = null;
    try {
      loaded = await loadFromMemory(modelJson, weights);
      await session.data.prepare(setup.dataset);
      fresh = buildModel(setup, session.data.get(setup.dataset));
      const problem = shapeMismatch(
        loaded.getWeights().map((w) => w.shape),
        fresh.getWeights().map((w) => w.shape),
      );
      if (problem) {
        this.send({ type: 'model-refused', message: `${name} does not match the setup's model (${describeSetup(setup)}): ${problem}` });
        return;
      }
      const copies = loaded.getWeights().map((w) => w.clone());
      this.replace({ setup, weights: copies, info: { source: 'imported', name, params: loaded.countParams(), continueNext: true } });
    } catch (err) {
      this.send({ type: 'model-refused', message: `${name} could not be loaded: ${describeError(err)}` });
    } finally {
      loaded?.dispose();
      fresh?.dispose();
    }
  }

  private replace(next: Kept): void {
    this.kept?.weights.forEach((w) => w.dispose());
    this.kept = next;
    this.sendState();
  }

  private sendState(): void {
    this.send({ type: 'model-state', model: this.kept ? { ...this.kept.info } : null });
  }
}

function describeSetup(s: Setup): string {
  return modelSummary(s.model);
}
