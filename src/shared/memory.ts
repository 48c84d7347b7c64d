// What a training run will hold in memory, estimated from the model's layers before anything is
// allocated, and whether the backend can hold it: a run that cannot fit is refused with the
// estimate instead of failing with "Array buffer allocation failed". Plain data and pure functions
// (the page shows the estimate, the worker refuses a run with it).
import { formatBytes } from './limits';

/** A layer's output per sample and its parameters (a model kind's plan, or tfjs's summary). */
export interface LayerSize {
  kind: string;
  outputShape: readonly (number | null)[];
  params: number;
}

export interface MemoryNeeds {
  batchSize: number;
  /** Values per sample going in (features, or h * w * c). */
  inputs: number;
  optimizer: 'adam' | 'sgd';
  /** SGD's momentum (0: no state). */
  momentum: number;
  /** The data set held for training (features and labels, both splits). */
  dataBytes: number;
}

export interface MemoryEstimate {
  total: number;
  parts: { weights: number; gradients: number; optimizer: number; activations: number; step: number; data: number };
  /** The biggest single tensor: one buffer the backend must allocate whole. */
  largest: { bytes: number; what: string };
}

/** What the backend can allocate (from the worker, with the backend). */
export interface MemoryLimits {
  /** The largest single buffer (tensor) the backend can allocate. */
  maxBufferBytes: number;
  /** e.g. "WebGPU here allows buffers up to 1 GB". */
  bufferWhy: string;
  /** Everything together, where a limit is known (the WASM heap, the device's memory). */
  maxTotalBytes: number | null;
  totalWhy: string | null;
}

const FLOAT = 4;
/**
 * Tensors of a layer output's size held at the backward pass's peak: the output, its
 * pre-activation and the bias sum on the tape, their gradients and the kernels' temporaries.
 * Measured against tf.profile's peak (memory.test.ts): 5.5 for a ReLU CNN, 11 for a tanh MLP.
 */
const ACTIVATION_COPIES = 8;
/**
 * Temporaries of the parameters' size the optimizer's step holds at its peak (its rule runs on all
 * parameters at once, in one tidy), by optimizer. Measured the same way, on the CPU backend.
 */
const STEP_COPIES = { adam: 15, sgd: 6 } as const;

export function estimateMemory(layers: readonly LayerSize[], needs: MemoryNeeds): MemoryEstimate {
  const params = layers.reduce((n, l) => n + l.params, 0);
  const weights = params * FLOAT;
  const optimizerCopies = needs.optimizer === 'adam' ? 2 : needs.momentum > 0 ? 1 : 0;
  const perSample = (shape: readonly (number | null)[]) => shape.reduce<number>((n, d) => n * (d ?? 1), 1);
  const batchBytes = (values: number) => values * needs.batchSize * FLOAT;
  const outputs = layers.reduce((n, l) => n + perSample(l.outputShape), 0);
  const activations = batchBytes(ACTIVATION_COPIES * outputs + 2 * needs.inputs);
  let largest = { bytes: batchBytes(needs.inputs), what: `a batch of ${needs.batchSize.toLocaleString('en-US')} inputs` };
  layers.forEach((l, i) => {
    const out = batchBytes(perSample(l.outputShape));
    if (out > largest.bytes)
      largest = { bytes: out, what: `layer ${i + 1} (${l.kind})'s output for a batch of ${needs.batchSize.toLocaleString('en-US')}` };
    if (l.params * FLOAT > largest.bytes) largest = { bytes: l.params * FLOAT, what: `layer ${i + 1} (${l.kind})'s weights` };
  });
  // the backward pass and the optimizer's step are never at their peaks together
  const step = STEP_COPIES[needs.optimizer] * weights;
  const parts = { weights, gradients: weights, optimizer: optimizerCopies * weights, activations, step, data: needs.dataBytes };
  const total = parts.weights + parts.gradients + parts.optimizer + Math.max(parts.activations, parts.step) + parts.data;
  return { total, parts, largest };
}

/** "~4.1 GB" */
export function approxBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `~${(bytes / 2 ** 30).toFixed(1).replace(/\.0$/, '')} GB`;
  return `~${formatBytes(Math.ceil(bytes))}`;
}

/** The parts that matter, biggest first: "activations ~3.2 GB, data ~188 MB, …". */
export function describeEstimate(e: MemoryEstimate): string {
  const names: Record<keyof MemoryEstimate['parts'], string> = {
    weights: 'weights',
    gradients: 'gradients',
    optimizer: "the optimizer's state",
    activations: 'activations of one batch',
    step: "the optimizer step's temporaries",
    data: 'the data',
  };
  // of the backward pass and the step, the one the total counts
  const counted = e.parts.activations >= e.parts.step ? 'step' : 'activations';
  const parts = (Object.keys(e.parts) as Array<keyof MemoryEstimate['parts']>)
    .filter((k) => e.parts[k] > 0 && k !== counted)
    .sort((a, b) => e.parts[b] - e.parts[a])
    .map((k) => `${names[k]} ${approxBytes(e.parts[k])}`);
  return parts.join(', ');
}

/** The part the total counts most of: "the activations of one batch ~540 KB". */
export function mainPart(e: MemoryEstimate): string {
  return describeEstimate(e).split(', ')[0];
}

/** Why the run cannot fit, with the estimate and what to change; null when it fits the known limits. */
export function memoryProblem(e: MemoryEstimate, limits: MemoryLimits | null): string | null {
  if (!limits) return null;
  const fix = 'lower the batch size or the model size';
  if (e.largest.bytes > limits.maxBufferBytes) {
    return `This run needs one buffer of ${approxBytes(e.largest.bytes)} (${e.largest.what}); ${limits.bufferWhy}: ${fix}`;
  }
  if (limits.maxTotalBytes !== null && e.total > limits.maxTotalBytes) {
    return `This run needs ${approxBytes(e.total)} (${describeEstimate(e)}); ${limits.totalWhy ?? `this browser allows ${approxBytes(limits.maxTotalBytes)}`}: ${fix}`;
  }
  return null;
}
