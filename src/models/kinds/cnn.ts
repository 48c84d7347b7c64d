// The LeNet-style CNN kind: conv(filters) -> pool -> conv(2 * filters) -> pool -> dense -> output,
// for image data only. Its builder is `cnnBuilder` in src/models/cnn.ts.
import { intField } from '../../shared/params';
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
  fastai: (m) => [
    'model = nn.Sequential(',
    `    nn.Conv2d(1, ${m.filters}, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),`,
    `    nn.Conv2d(${m.filters}, ${2 * m.filters}, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),`,
    `    nn.Flatten(), nn.Linear(${2 * m.filters} * 7 * 7, ${m.dense}), nn.ReLU(), nn.Linear(${m.dense}, n_out))`,
  ],
});

export type CnnSetup = SetupFrom<'cnn', typeof params>;
