// The MNIST kind: a seeded sample of the 10,000 digits the page serves. Its builder is
// `mnistBuilder` in src/data/mnist.ts.
import { intField } from '../../shared/params';
import { py, pyComment } from '../../shared/py-literal';
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
  fastai: (ds) => ({
    regression: false,
    lines: [
      pyComment(`MNIST: ${ds.limit} training digits drawn as the page draws its ${ds.limit} (from its own 10,000, so other images)`),
      "# MNIST_PATH: a local folder with training/<digit>/*.png, instead of fastai's download",
      "path = Path(os.environ.get('MNIST_PATH') or rank0_first(untar_data, URLs.MNIST))",
      "files = sorted(get_image_files(path / 'training'))",
      `files = [files[i] for i in page_permutation(len(files), page_rng(seed + 5))[:${py(ds.limit)}]]`,
      'y = [int(f.parent.name) for f in files]',
      'n_in, n_out, img_shape = 28 * 28, 10, (1, 28, 28)',
      'train_idx, valid_idx = page_split(y, valid_pct, seed + 1, n_out)',
      'dls = DataBlock(blocks=(ImageBlock(PILImageBW), CategoryBlock), get_y=parent_label, splitter=IndexSplitter(valid_idx)).dataloaders(',
      '    files, bs=bs, drop_last=False, num_workers=0, device=default_device())',
    ],
  }),
});
