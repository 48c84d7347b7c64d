/** miniai's LSUV ("layer-sequential unit-variance") initialisation, as a callback that runs at before_fit. */
import * as tf from '@tensorflow/tfjs';
import { Callback } from '../learner';
import { buildProbe } from './activation-probe';

export interface LSUVOptions {
  /** Passes per layer at most (miniai loops until it converges). */
  maxIters?: number;
  /** Stop once |std − 1| and |mean| are both below this. */
  tol?: number;
}

/** What LSUV did to one layer: its output's mean and std after the last adjustment, and the passes it took. */
export interface LSUVLayerResult {
  name: string;
  mean: number;
  std: number;
  /** Passes adjusted (0: it was already within `tol`). */
  iters: number;
}

/** The classes of the layers LSUV adjusts (each has a kernel and a bias). */
const KERNEL_LAYERS = ['Dense', 'Conv2D'];

/**
 * Before the first fit, on the first training batch: for each Dense and Conv2D layer in model
 * order, except the model's output layer (it stays as the builder made it: its logits are not
 * meant to have unit variance), up to `maxIters` times: run the model on the batch (training mode,
 * as miniai's model is in train mode: BatchNorm normalises by the batch), read that layer's output
 * mean and std, and set `bias -= mean`, `kernel /= std`, until |std − 1| < tol and |mean| < tol.
 *
 * miniai hooks the activation after each conv (its GeneralRelu); this measures the layer's own
 * output, whatever follows it, so it works on any list. The activations come from the probe model
 * of `buildProbe` (same layer objects), which restores BatchNorm's moving statistics after each
 * training-mode pass. The batch is read through the DataLoader's iterator and released with it;
 * a DataLoader's epoch counter is put back, so the fit shuffles as it would without LSUV.
 *
 * It runs once per callback instance (a second fit keeps the trained weights); `results` says what
 * it did. Reads are one `await data()` of two numbers per pass.
 */
export class LSUVInit extends Callback {
  override order = -30; // before callbacks that copy the weights at before_fit (LRFinder)
  readonly maxIters: number;
  readonly tol: number;
  results: LSUVLayerResult[] = [];
  done = false;

  constructor({ maxIters = 10, tol = 1e-3 }: LSUVOptions = {}) {
    super();
    this.maxIters = maxIters;
    this.tol = tol;
  }

  async before_fit(): Promise<void> {
    if (this.done) return;
    const learn = this.learn!;
    const dl = learn.dls.train;
    const loader = dl as { epoch?: unknown };
    const epoch = loader.epoch;
    try {
      for (const batch of dl) {
        const n = learn.nInp ?? (batch.length === 1 ? 1 : batch.length - 1);
        const xb = batch.slice(0, n);
        this.results = await lsuvInit(learn.model, xb.length === 1 ? xb[0] : xb, this.maxIters, this.tol);
        this.done = true;
        break;
      }
    } finally {
      if (typeof epoch === 'number') loader.epoch = epoch;
    }
  }
}

/** LSUV on `model` with the input `x` (see LSUVInit); returns each adjusted layer's final statistics. */
export async function lsuvInit(model: tf.LayersModel, x: tf.Tensor | tf.Tensor[], maxIters = 10, tol = 1e-3): Promise<LSUVLayerResult[]> {
  const probe = buildProbe(model);
  const outputs = new Set(model.outputLayers);
  const targets = model.layers.filter((l) => KERNEL_LAYERS.includes(l.getClassName()) && !outputs.has(l) && probe.names.includes(l.name));
  const results: LSUVLayerResult[] = [];
  for (const layer of targets) {
    const at = probe.names.indexOf(layer.name);
    const measure = async (): Promise<[number, number]> => {
      const s = tf.tidy(() => {
        const a = probe.run(x, true)[at].reshape([-1]);
        const { mean, variance } = tf.moments(a);
        const n = a.shape[0];
        // torch's std: unbiased
        return tf.stack([mean, variance.mul(n / Math.max(n - 1, 1)).sqrt()]);
      });
      const [mean, std] = await s.data();
      s.dispose();
      return [mean, std];
    };
    let [mean, std] = await measure();
    let iters = 0;
    while (iters < maxIters && (Math.abs(std - 1) >= tol || Math.abs(mean) >= tol) && std > 0 && Number.isFinite(std)) {
      tf.tidy(() => {
        const [kernel, bias] = layer.getWeights();
        layer.setWeights(bias ? [kernel.div(std), bias.sub(mean)] : [kernel.div(std)]);
      });
      iters++;
      [mean, std] = await measure();
    }
    results.push({ name: layer.name, mean, std, iters });
  }
  return results;
}
