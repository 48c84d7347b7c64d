// The MLP kind: dense layers of one width and activation, then the output (any data; images are
// flattened first). Its builder is `mlpBuilder` in src/models/mlp.ts.
import { enumField, intField } from '../../shared/params';
import { py } from '../../shared/py-literal';
import { defineModelKind, type LayerPlan, type SetupFrom } from './kind';

/** A dense layer of `units` on `inputs` values (weights and biases). */
export const denseLayer = (inputs: number, units: number): LayerPlan => ({
  kind: 'Dense',
  outputShape: [null, units],
  params: inputs * units + units,
});

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'] as const;

const PY_ACTIVATION: Record<(typeof ACTIVATIONS)[number], string> = {
  relu: 'nn.ReLU()',
  tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()',
  elu: 'nn.ELU()',
  linear: 'nn.Identity()',
};

const params = [
  intField('layers', 'Hidden layers', 0, 8, 2),
  intField('units', 'Units per layer', 1, 1024, 32),
  enumField('activation', 'Activation', ACTIVATIONS, 'relu', 'act'),
] as const;

export const MLP_KIND = defineModelKind({
  kind: 'mlp',
  name: 'MLP',
  label: 'MLP (dense layers)',
  description: 'Dense layers of one width, each followed by the activation, then a dense output layer',
  params,
  needs: {},
  summary: (m) => `MLP ${m.layers} x ${m.units} ${m.activation}`,
  fastai: (m) => {
    const layers = ['nn.Flatten()'];
    let inp = 'n_in';
    for (let i = 0; i < m.layers; i++) {
      layers.push(`nn.Linear(${inp}, ${py(m.units)})`, PY_ACTIVATION[m.activation] ?? 'nn.Identity()');
      inp = py(m.units);
    }
    layers.push(`nn.Linear(${inp}, n_out)`);
    return [
      `model = nn.Sequential(${layers.join(', ')})`,
      "# the page's initialisers (tfjs's defaults): Glorot-uniform weights, zero biases",
      'for layer in model:',
      '    if isinstance(layer, nn.Linear): nn.init.xavier_uniform_(layer.weight); nn.init.zeros_(layer.bias)',
    ];
  },
  plan: (m, { inputs, outputs, imageShape }) => {
    const flatten: LayerPlan[] = imageShape ? [{ kind: 'Flatten', outputShape: [null, inputs], params: 0 }] : [];
    const sizes = [...Array.from({ length: m.layers }, () => m.units), outputs];
    return [...flatten, ...sizes.map((units, i) => denseLayer(i === 0 ? inputs : sizes[i - 1], units))];
  },
  // tfjs has a Flatten only for images, and each hidden Dense carries its activation
  torch: (m, { images }) => [
    { modules: ['Flatten'], tfjs: images },
    ...Array.from({ length: m.layers }, () => ({ modules: ['Linear', torchClass(PY_ACTIVATION[m.activation])], tfjs: true })),
    { modules: ['Linear'], tfjs: true },
  ],
});

/** 'nn.ReLU()' → 'ReLU'. */
function torchClass(py: string): string {
  return py.replace(/^nn\.|\(.*$/g, '');
}

export type MlpSetup = SetupFrom<'mlp', typeof params>;
export type ActivationName = MlpSetup['activation'];
