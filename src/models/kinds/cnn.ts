// The LeNet-style CNN kind: conv(filters) -> pool -> conv(2 * filters) -> pool -> dense -> output,
// for image data only. Its builder is `cnnBuilder` in src/models/cnn.ts.
import { intField } from '../../shared/params';
import { py } from '../../shared/py-literal';
import { defineModelKind, type SetupFrom } from './kind';

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
