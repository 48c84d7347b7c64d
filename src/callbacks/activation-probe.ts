/** Per-layer activations of a tfjs LayersModel (tfjs has no forward hooks) and their summary statistics, computed on the device. */
import * as tf from '@tensorflow/tfjs';

export interface Probe {
  /** The layers observed, in model order. */
  names: string[];
  /** Runs the model on `input` and returns each observed layer's activation (call inside tf.tidy). */
  run(input: tf.Tensor | tf.Tensor[], training: boolean): tf.Tensor[];
}

/**
 * fastai registers forward hooks on modules; tfjs layers have none. But a LayersModel is a graph
 * of layer objects, and each layer's `output` is a symbolic tensor of that graph, so
 * `tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output) })` is a second model
 * built from the *same layer objects*: it shares every weight (nothing is copied), and its outputs
 * are the activations. Running it costs one extra forward pass on the batch.
 *
 * In training mode some layers have side effects or randomness: batch normalization updates its
 * moving statistics (saved before and written back after the pass, so the probe leaves them
 * untouched), and dropout draws a different mask than the Learner's own forward pass did.
 * The probe model owns no tensors and must never be disposed (that would dispose the shared layers).
 *
 * Observed layers: those with weights (fastai's `has_params`), or every layer when `all`; layers
 * used more than once in the graph, or with several outputs, are skipped.
 */
export function buildProbe(model: tf.LayersModel, all = false): Probe {
  const layers: tf.layers.Layer[] = [];
  const outputs: tf.SymbolicTensor[] = [];
  for (const layer of model.layers) {
    if (!all && layer.weights.length === 0) continue;
    if (layer.getClassName() === 'InputLayer') continue;
    let out: tf.SymbolicTensor | tf.SymbolicTensor[];
    try {
      out = layer.output;
    } catch {
      continue; // several inbound nodes: the output is ambiguous
    }
    if (Array.isArray(out)) continue;
    layers.push(layer);
    outputs.push(out);
  }
  const probe = outputs.length ? tf.model({ inputs: model.inputs, outputs }) : null;
  return {
    names: layers.map((l) => l.name),
    run(input, training) {
      if (!probe) return [];
      const stateful = model.nonTrainableWeights;
      const saved = training ? stateful.map((w) => w.read().clone()) : [];
      const result = probe.apply(input, { training });
      saved.forEach((t, i) => stateful[i].write(t));
      tf.dispose(saved);
      return Array.isArray(result) ? (result as tf.Tensor[]) : [result as tf.Tensor];
    },
  };
}

export interface HistSpec {
  bins: number;
  lo: number;
  hi: number;
}

/** Length of one layer's summary vector: mean, std, near-zero fraction, then the histogram. */
export const summaryLength = (spec: HistSpec): number => 3 + spec.bins;

/**
 * One layer's activation summary as a 1-D tensor: [mean, std (unbiased, as torch), fraction ≤ 0.05
 * (fastai's near_zero), histogram of |a| over `bins` equal bins of [lo, hi]] — miniai's
 * `acts.abs().histc(40, 0, 10)`: values outside the range are not counted, hi goes in the last bin.
 */
export function activationSummary(a: tf.Tensor, spec: HistSpec): tf.Tensor1D {
  return tf.tidy(() => {
    const x = a.toFloat().reshape([-1]);
    const n = x.shape[0];
    const mean = x.mean();
    const std = x
      .sub(mean)
      .square()
      .sum()
      .div(Math.max(n - 1, 1))
      .sqrt();
    const nearZero = x.lessEqual(0.05).toFloat().mean();
    const { bins, lo, hi } = spec;
    const v = x.abs();
    const inRange = v.greaterEqual(lo).logicalAnd(v.lessEqual(hi));
    const bin = v
      .sub(lo)
      .mul(bins / (hi - lo))
      .floor()
      .clipByValue(0, bins - 1);
    const idx = tf.where(inRange, bin, tf.fill([n], bins)).toInt() as tf.Tensor1D;
    const counts = tf.bincount(idx, tf.tensor1d([], 'int32'), bins + 1).slice(0, bins); // integer counts (int atomics on GPUs)
    return tf.concat([tf.stack([mean, std, nearZero]), counts.toFloat()]) as tf.Tensor1D;
  });
}
