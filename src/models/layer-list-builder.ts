// The layer-list kind's builder: the list as a tfjs functional model (a ResBlock branches), then a
// Dense to the outputs (logits). Each row makes exactly the tfjs layers its `step` plans
// (src/models/layers/layer-types.ts), in the order tfjs lists them, so `model.layers` (less the
// InputLayer) is the kind's plan.
import * as tf from '@tensorflow/tfjs';
import type { InitName, LayersSetup } from './kinds/layers';
import type { ModelBuilder } from './kinds/builders';
import { parseLayers, planList, fullArgs } from './layers/layer-list';
import { paddingIsSame, type LayerArgs } from './layers/layer-types';

/**
 * miniai's GeneralRelu: `leaky_relu(x, leak) - sub`, then clamped at `maxv` when maxv > 0.
 * Registered for serialization, so a saved model loads again.
 */
export class GeneralRelu extends tf.layers.Layer {
  static readonly className = 'GeneralRelu';
  readonly leak: number;
  readonly sub: number;
  readonly maxv: number;

  constructor(args: { leak?: number; sub?: number; maxv?: number; name?: string } = {}) {
    super({ name: args.name });
    this.leak = args.leak ?? 0.1;
    this.sub = args.sub ?? 0.4;
    this.maxv = args.maxv ?? 0;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const y = tf.leakyRelu(x, this.leak).sub(this.sub);
      return this.maxv > 0 ? tf.minimum(y, this.maxv) : y;
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), leak: this.leak, sub: this.sub, maxv: this.maxv };
  }
}
tf.serialization.registerClass(GeneralRelu);

/** What a layer's builder needs besides its input: the initialisation and the next initialiser's seed. */
export interface BuildContext {
  init: InitName;
  /** The seed of the next kernel initialiser (seed + index, as the MLP does), or undefined. */
  nextSeed(): number | undefined;
}

type Sym = tf.SymbolicTensor;
export type LayerBuilder = (x: Sym, a: LayerArgs, ctx: BuildContext) => Sym;

const apply = (layer: tf.layers.Layer, x: Sym): Sym => layer.apply(x) as Sym;
const isImage = (x: Sym) => x.shape.length === 4;

/**
 * The kernel initialiser of a hidden Dense or Conv2D: Glorot-uniform, or He normal with std
 * sqrt(2 / fan_in) exactly (an untruncated normal: tfjs's heNormal is truncated at 2 std, ~12 % low).
 * LSUV starts from Kaiming; its callback then rescales the weights.
 */
export function kernelInit(init: InitName, fanIn: number, seed: number | undefined): ReturnType<typeof tf.initializers.glorotUniform> {
  return init === 'glorot'
    ? tf.initializers.glorotUniform({ seed })
    : tf.initializers.randomNormal({ mean: 0, stddev: Math.sqrt(2 / fanIn), seed });
}

/** A conv as `convLayers` plans it: 'same' when that is PyTorch's padding, else ZeroPadding2D (padding > 0) then 'valid'. */
function conv(x: Sym, filters: number, ks: number, stride: number, padding: number, ctx: BuildContext): Sym {
  const c = x.shape[3] as number;
  const same = paddingIsSame(ks, stride, padding);
  const padded = !same && padding > 0 ? apply(tf.layers.zeroPadding2d({ padding }), x) : x;
  return apply(
    tf.layers.conv2d({
      filters,
      kernelSize: ks,
      strides: stride,
      padding: same ? 'same' : 'valid',
      kernelInitializer: kernelInit(ctx.init, ks * ks * c, ctx.nextSeed()),
      biasInitializer: 'zeros',
    }),
    padded,
  );
}

/** PyTorch's BatchNorm defaults: momentum 0.1 there (weight of the new batch) is 0.9 here (of the old value). */
const batchNorm = (x: Sym): Sym => apply(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }), x);
const activation = (name: 'relu' | 'gelu' | 'tanh' | 'sigmoid') => (x: Sym) => apply(tf.layers.activation({ activation: name }), x);

/** miniai's ResBlock: conv → BN → ReLU → conv(stride) → BN, plus the input pooled (stride 2) and 1×1-convolved (new channels); the sum through a ReLU. */
function resBlock(x: Sym, a: LayerArgs, ctx: BuildContext): Sym {
  const { filters, ks, stride } = a;
  const p = (ks - 1) / 2;
  let main = conv(x, filters, ks, 1, p, ctx);
  main = batchNorm(main);
  main = activation('relu')(main);
  main = conv(main, filters, ks, stride, p, ctx);
  main = batchNorm(main);
  let short = x;
  // AvgPool2d(2, ceil_mode=True): 'same' pads the odd side, and both average only the pixels inside.
  if (stride !== 1) short = apply(tf.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'same' }), short);
  if (x.shape[3] !== filters) short = conv(short, filters, 1, 1, 0, ctx);
  const sum = tf.layers.add().apply([main, short]) as Sym;
  return activation('relu')(sum);
}

const pool = (make: (args: { poolSize: number; strides: number; padding: 'valid' }) => tf.layers.Layer) => (x: Sym, a: LayerArgs) =>
  apply(make({ poolSize: a.size, strides: a.size, padding: 'valid' }), x);

/** One builder per layer type of LAYER_TYPES (a test checks that none is missing or extra). */
export const LAYER_BUILDERS = {
  linear: (x, a, ctx) =>
    apply(
      tf.layers.dense({
        units: a.units,
        kernelInitializer: kernelInit(ctx.init, x.shape[1] as number, ctx.nextSeed()),
        biasInitializer: 'zeros',
      }),
      x,
    ),
  conv: (x, a, ctx) => conv(x, a.filters, a.ks, a.stride, a.padding, ctx),
  bn1d: batchNorm,
  bn2d: batchNorm,
  dropout: (x, a) => apply(tf.layers.dropout({ rate: a.p }), x), // unseeded: a seeded tfjs dropout draws the same mask every batch
  relu: activation('relu'),
  leakyrelu: (x, a) => apply(tf.layers.leakyReLU({ alpha: a.slope }), x),
  gelu: activation('gelu'), // tfjs 4.22's 'gelu' is the exact x·Φ(x) (erf), as PyTorch's default
  tanh: activation('tanh'),
  sigmoid: activation('sigmoid'),
  generalrelu: (x, a) => apply(new GeneralRelu({ leak: a.leak, sub: a.sub, maxv: a.maxv }), x),
  maxpool: pool(tf.layers.maxPooling2d),
  avgpool: pool(tf.layers.averagePooling2d),
  globalavgpool: (x) => apply(tf.layers.globalAveragePooling2d({}), x),
  flatten: (x) => (isImage(x) ? apply(tf.layers.flatten(), x) : x),
  resblock: resBlock,
} satisfies Record<string, LayerBuilder>;

const BUILDERS: Readonly<Record<string, LayerBuilder>> = LAYER_BUILDERS;

/** The layer-list kind's builder: `m.stack` on the data's input ([h, w, c] images, else [inputs]), then Dense(outputs). */
export const layerListBuilder: ModelBuilder<LayersSetup> = (m, { inputs, outputs, imageShape, seed }) => {
  const parsed = parseLayers(m.stack);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  const { problem } = planList(parsed.layers, { inputs, outputs, imageShape });
  if (problem) throw new RangeError(problem);
  let index = 0;
  const ctx: BuildContext = {
    init: m.init,
    nextSeed: () => (seed === undefined ? undefined : seed + index++),
  };
  const input = tf.input({ shape: imageShape ? [...imageShape] : [inputs] });
  let x = input;
  for (const item of parsed.layers) {
    const build = BUILDERS[item.type];
    if (!build) throw new RangeError(`no builder for layer type '${item.type}'`);
    x = build(x, fullArgs(item), ctx);
  }
  // The head stays Glorot-uniform whatever the init (as the CNN kind's output layer).
  const head = tf.layers.dense({
    units: outputs,
    kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.nextSeed() }),
    biasInitializer: 'zeros',
  });
  return tf.model({ inputs: input, outputs: apply(head, x) });
};
