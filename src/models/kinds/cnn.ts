// The LeNet-style CNN kind: conv(filters) -> pool -> conv(2 * filters) -> pool -> dense -> output,
// for image data only. Its builder is `cnnBuilder` in src/models/cnn.ts.
import { intField } from '../../shared/params';
import { py } from '../../shared/py-literal';
import { defineModelKind, type LayerPlan, type SetupFrom } from './kind';
import { denseLayer } from './mlp';

/** A 5x5 'same' convolution of `filters` on an h x w x c input. */
const conv5 = (h: number, w: number, c: number, filters: number): LayerPlan => ({
  kind: 'Conv2D',
  outputShape: [null, h, w, filters],
  params: 5 * 5 * c * filters + filters,
});
/** A 2x2 max pool (stride 2, 'valid'). */
const pool2 = (h: number, w: number, c: number): LayerPlan => ({
  kind: 'MaxPooling2D',
  outputShape: [null, Math.floor(h / 2), Math.floor(w / 2), c],
  params: 0,
});

const params = [
  intField('filters', 'Filters', 1, 64, 8, 'first conv; the second has 2×'),
  intField('dense', 'Dense units', 1, 1024, 64),
] as const;

export const CNN_KIND = defineModelKind({
  kind: 'cnn',
  name: 'CNN',
  label: 'CNN (LeNet-style)',
  description: 'Two 5x5 convolutions with max pooling, a dense layer, then the output',
  params,
  needs: { images: true },
  summary: (m) => `CNN ${m.filters} filters, dense ${m.dense}`,
  fastai: (m) => {
    const [f, f2, d] = [py(m.filters), py(2 * m.filters), py(m.dense)];
    return [
      'model = nn.Sequential(',
      `    nn.Conv2d(img_shape[0], ${f}, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),`,
      `    nn.Conv2d(${f}, ${f2}, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),`,
      `    nn.Flatten(), nn.Linear(${f2} * (img_shape[1] // 4) * (img_shape[2] // 4), ${d}), nn.ReLU(), nn.Linear(${d}, n_out))`,
      "# the page's initialisers: He-normal (truncated at 2 std, as tfjs) but Glorot-uniform for the output; zero biases",
      'for layer in model:',
      '    if isinstance(layer, (nn.Conv2d, nn.Linear)):',
      '        std = math.sqrt(2 / layer.weight[0].numel())  # fan in',
      '        nn.init.trunc_normal_(layer.weight, 0, std, -2 * std, 2 * std); nn.init.zeros_(layer.bias)',
      'nn.init.xavier_uniform_(model[-1].weight)',
    ];
  },
  plan: (m, { outputs, imageShape }) => {
    if (!imageShape) return [];
    const [h, w, c] = imageShape;
    const f2 = 2 * m.filters;
    const [h1, w1] = [Math.floor(h / 2), Math.floor(w / 2)];
    const [h2, w2] = [Math.floor(h1 / 2), Math.floor(w1 / 2)];
    const flat = h2 * w2 * f2;
    return [
      conv5(h, w, c, m.filters),
      pool2(h, w, m.filters),
      conv5(h1, w1, m.filters, f2),
      pool2(h1, w1, f2),
      { kind: 'Flatten', outputShape: [null, flat], params: 0 },
      denseLayer(flat, m.dense),
      denseLayer(m.dense, outputs),
    ];
  },
  // each tfjs conv and hidden dense carries its ReLU
  torch: () => [
    { modules: ['Conv2d', 'ReLU'], tfjs: true },
    { modules: ['MaxPool2d'], tfjs: true },
    { modules: ['Conv2d', 'ReLU'], tfjs: true },
    { modules: ['MaxPool2d'], tfjs: true },
    { modules: ['Flatten'], tfjs: true },
    { modules: ['Linear', 'ReLU'], tfjs: true },
    { modules: ['Linear'], tfjs: true },
  ],
});

export type CnnSetup = SetupFrom<'cnn', typeof params>;
