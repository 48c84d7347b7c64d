// The MNIST kind: a seeded sample of the 10,000 digits the page serves. Its builder is
// `mnistBuilder` in src/data/mnist.ts.
import { intField } from '../../shared/params';
import { defineDatasetKind } from './kind';

export interface MnistSetup {
  kind: 'mnist';
  /** Use `limit` of the 10,000 images, picked at random with the seed (short runs). */
  limit: number;
  seed: number;
  validPct: number;
}

/** 2,000 of the 10,000 images by default: an epoch takes seconds, not minutes. */
const LIMIT = intField('limit', 'Images', 100, 10_000, 2000, 'of the 10,000');

export const MNIST_KIND = defineDatasetKind<MnistSetup>({
  kind: 'mnist',
  group: 'Images',
  choices: [{ id: 'mnist', label: 'MNIST digits', task: 'classification' }],
  loading: 'MNIST',
  choiceOf: () => 'mnist',
  create: (_choice, common) => ({ kind: 'mnist', limit: LIMIT.default, ...common }),
  fields: () => [LIMIT],
  values: (ds) => ({ limit: ds.limit }),
  withValues: (ds, v) => ({ ...ds, ...(v as { limit?: number }) }),
  traits: () => ({ images: true, classes: true }),
  summary: () => 'mnist',
  fastai: (ds, { batchSize }) => ({
    tabular: false,
    regression: false,
    lines: [
      `# MNIST from fastai (the playground samples ${ds.limit} of its 10,000 test images; here: the full set)`,
      'path = untar_data(URLs.MNIST)',
      `dls = ImageDataLoaders.from_folder(path, train='training', valid_pct=${ds.validPct}, seed=${ds.seed}, bs=${batchSize},`,
      '                                   item_tfms=[], batch_tfms=[], num_workers=0, img_cls=PILImageBW)',
      'n_in, n_out, is_images = 28 * 28, 10, True',
    ],
  }),
});
