import { describe, expect, it } from 'vitest';
import type { Setup } from '../../setup/messages';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { fastaiScript } from './fastai-script';

const ONE_CYCLE = { schedule: 'one_cycle', lrMax: 0.01, div: 25, divFinal: 1e5, pctStart: 0.25, moms: true };

describe('fastai script', () => {
  it("reproduces the default spiral with the page's generator and split, an nn.Sequential MLP, Adam and learn.fit", () => {
    const text = fastaiScript({ setup: DEFAULT_SETUP, callbacks: {} });
    expect(text).toContain('seed, valid_pct, bs = 0, 0.2, 128');
    expect(text).toContain('n, k, noise = 200, 3, 0.2');
    expect(text).toContain('train_idx, valid_idx = page_split(y, valid_pct, seed + 1, n_out)');
    expect(text).toContain(
      'nn.Sequential(nn.Flatten(), nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, n_out))',
    );
    expect(text).toContain('nn.init.xavier_uniform_(layer.weight); nn.init.zeros_(layer.bias)');
    expect(text).toContain('opt_func=Adam, lr=0.05, wd=0.0');
    expect(text).not.toContain('TabularDataLoaders');
    expect(text).not.toContain('Cont(');
  });

  it('keeps the last partial batch (fastai drops it by default) and uses the split as given', () => {
    const text = fastaiScript({ setup: DEFAULT_SETUP, callbacks: {} });
    expect(text).toMatch(/DataLoaders\.from_dsets\(.*drop_last=False/);
    expect(text).not.toContain('splits=');
    expect(text).not.toContain('RandomSplitter');
  });

  it('fits inside distrib_ctx, and the header says how to launch on several GPUs', () => {
    const text = fastaiScript({ setup: DEFAULT_SETUP, callbacks: {} });
    expect(text).toContain('from fastai.distributed import *');
    expect(text).toMatch(/^with learn\.distrib_ctx\(\):\n {4}learn\.fit\(10, lr=0\.05\)$/m);
    expect(text).toContain('accelerate launch train_fastai.py');
    expect(text).toContain('python -m fastai.launch train_fastai.py');
  });

  it('maps MNIST, the CNN, SGD and the callbacks to fastai names, with floats where fastai needs them', () => {
    const setup: Setup = {
      ...DEFAULT_SETUP,
      dataset: { kind: 'mnist', limit: 1000, seed: 3, validPct: 0.1 },
      model: { kind: 'cnn', filters: 4, dense: 32 },
      optimizer: 'sgd',
      momentum: 0.8,
      epochs: 4,
    };
    const text = fastaiScript({
      setup,
      callbacks: {
        ParamScheduler: ONE_CYCLE,
        GradientClip: { maxNorm: 2 },
        EarlyStoppingCallback: { monitor: 'valid_loss', comp: 'less', minDelta: 0.01, patience: 2 },
        CutMix: { alpha: 1, seed: 0 },
        Mystery: { a: 1 },
      },
    });
    // only training/, and the page's count, drawn as the page draws it
    expect(text).toContain("files = sorted(get_image_files(path / 'training'))");
    expect(text).toContain('page_permutation(len(files), page_rng(seed + 5))[:1000]');
    expect(text).toContain('splitter=IndexSplitter(valid_idx)');
    expect(text).not.toContain('valid_pct=0.1, seed');
    expect(text).toContain('nn.Conv2d(img_shape[0], 4, 5, padding=2)');
    expect(text).toContain('nn.init.trunc_normal_(layer.weight, 0, std, -2 * std, 2 * std)');
    expect(text).toContain('opt_func=partial(SGD, mom=0.8)');
    expect(text).toMatch(/^ {4}learn\.fit_one_cycle\(4, lr_max=0\.01, div=25\.0, div_final=100000\.0, pct_start=0\.25\)$/m);
    expect(text).toContain(
      'cbs=[GradientClip(max_norm=2.0), EarlyStoppingCallback(monitor="valid_loss", comp=np.less, min_delta=0.01, patience=2), CutMix(alpha=1.0)]',
    );
    expect(text).toContain('# NOTE: Mystery {\\"a\\":1} has no fastai counterpart here');
  });

  it("an unset lrMax leaves lr_max (fit_flat_cos: lr) out, so fastai uses learn.lr, the page's lr", () => {
    const one = fastaiScript({ setup: DEFAULT_SETUP, callbacks: { ParamScheduler: { ...ONE_CYCLE, lrMax: '' } } });
    expect(one).toMatch(/^ {4}learn\.fit_one_cycle\(10, div=25\.0, div_final=100000\.0, pct_start=0\.25\)$/m);
    expect(one).toContain('lr=0.05, wd=0.0');
    const flat = fastaiScript({
      setup: DEFAULT_SETUP,
      callbacks: { ParamScheduler: { ...ONE_CYCLE, schedule: 'flat_cos', lrMax: '', pctStart: 0.75 } },
    });
    expect(flat).toMatch(/^ {4}learn\.fit_flat_cos\(10, div_final=100000\.0, pct_start=0\.75\)$/m);
  });

  it('one-cycle without the momentum cycle keeps the optimizer momentum (fastai reads moms=None as 0.95-0.85-0.95)', () => {
    const adam = fastaiScript({ setup: DEFAULT_SETUP, callbacks: { ParamScheduler: { ...ONE_CYCLE, moms: false } } });
    expect(adam).toContain(', moms=(0.9, 0.9, 0.9))');
    const sgd = fastaiScript({
      setup: { ...DEFAULT_SETUP, optimizer: 'sgd', momentum: 0 },
      callbacks: { ParamScheduler: { ...ONE_CYCLE, moms: false } },
    });
    expect(sgd).toContain(', moms=(0.0, 0.0, 0.0))');
    expect(adam).not.toContain('moms=None');
  });

  it('reads a CSV as the page did: delimiter, header, sorted class ids or a regression target', () => {
    const setup: Setup = { ...DEFAULT_SETUP, dataset: { kind: 'user', seed: 0, validPct: 0.2 } };
    const classes = fastaiScript({
      setup,
      callbacks: {},
      userFile: { format: 'csv', file: 'iris.csv', label: 'species', task: 'classification', delimiter: ';', header: true },
    });
    expect(classes).toContain('df = pd.read_csv("iris.csv", sep=";", header=0, skipinitialspace=True)');
    expect(classes).toContain('y_name = "species"');
    expect(classes).toContain('y = np.searchsorted(classes, labels).astype(np.int64)');
    expect(classes).toContain('CrossEntropyLossFlat()');
    const regression = fastaiScript({ setup, callbacks: {}, userFile: { format: 'csv', file: 'h.csv', label: 'z', task: 'regression' } });
    expect(regression).toContain('y = df[y_name].to_numpy(np.float32)');
    expect(regression).toContain('page_split(y, valid_pct, seed + 1)\n');
    expect(regression).toContain('MSELossFlat()');
    expect(regression).toContain('metrics=[]');
  });

  it('reads IDX files (gzipped or not) as images for the CNN', () => {
    const text = fastaiScript({
      setup: { ...DEFAULT_SETUP, dataset: { kind: 'user', seed: 0, validPct: 0.2 }, model: { kind: 'cnn', filters: 4, dense: 8 } },
      callbacks: {},
      userFile: { format: 'idx', images: 'train-images.idx3-ubyte', labels: 'train-labels.idx1-ubyte.gz' },
    });
    expect(text).toContain('images, labels = read_idx("train-images.idx3-ubyte"), read_idx("train-labels.idx1-ubyte.gz")');
    expect(text).toContain('x = (images[:, None] / 255).astype(np.float32)');
    expect(text).not.toContain('data.csv');
  });

  it("regenerates hills and moons with the page's formulas", () => {
    const hills = fastaiScript({
      setup: { ...DEFAULT_SETUP, dataset: { kind: 'synthetic', id: 'hills', params: { n: 500, noise: 0.1 }, seed: 0, validPct: 0.2 } },
      callbacks: {},
    });
    expect(hills).toContain('z = math.sin(math.pi * px) * math.cos(math.pi * py)');
    expect(hills).toContain('MSELossFlat()');
    const moons = fastaiScript({
      setup: {
        ...DEFAULT_SETUP,
        dataset: { kind: 'synthetic', id: 'moons', params: { nPerClass: 100, noise: 0.1 }, seed: 0, validPct: 0.2 },
      },
      callbacks: {},
    });
    expect(moons).toContain('return (px - 0.5) * (1 / 1.5), (py - 0.25) * (1 / 1.5)');
    expect(moons).not.toContain('make_moons');
  });
});
