// A Python script using fastai that reproduces a setup as far as it can be reproduced, for a user
// who moves the experiment to a GPU machine. Pure: the setup and the enabled callbacks in, text out.
import type { ParamValue, ParamValues } from '../../callbacks/messages';
import type { DatasetSetup, ModelSetup, Setup } from '../../setup/messages';

export interface ScriptInput {
  setup: Setup;
  /** Enabled optional callbacks and their parameters (the page's accepted choices). */
  callbacks: Record<string, ParamValues>;
  /** The user's CSV file name and label column, when the data is a CSV. */
  csv?: { file: string; label: string } | null;
}

const py = (v: ParamValue): string => (typeof v === 'boolean' ? (v ? 'True' : 'False') : typeof v === 'number' ? pyNum(v) : JSON.stringify(v));
const pyNum = (v: number): string => (Number.isInteger(v) ? String(v) : String(v));

/** The data part: `dls` (and `n_in`, `n_out`, `is_images`). */
function dataCode(d: DatasetSetup, bs: number, csv: ScriptInput['csv']): string[] {
  const split = `RandomSplitter(valid_pct=${pyNum(d.validPct)}, seed=${d.seed})`;
  if (d.kind === 'mnist') {
    return [
      '# MNIST from fastai (the playground samples ' + d.limit + ' of its 10,000 test images; here: the full set)',
      'path = untar_data(URLs.MNIST)',
      `dls = ImageDataLoaders.from_folder(path, train='training', valid_pct=${pyNum(d.validPct)}, seed=${d.seed}, bs=${bs},`,
      "                                   item_tfms=[], batch_tfms=[], num_workers=0, img_cls=PILImageBW)",
      'n_in, n_out, is_images = 28 * 28, 10, True',
    ];
  }
  if (d.kind === 'user') {
    const file = csv?.file ?? 'data.csv';
    const label = csv?.label ?? None;
    return [
      `# Your CSV file (put it beside this script); the label column: ${label}`,
      `df = pd.read_csv(${JSON.stringify(file)})`,
      `y_name = ${csv ? JSON.stringify(label) : 'df.columns[-1]'}`,
      'x_names = [c for c in df.columns if c != y_name]',
      `dls = TabularDataLoaders.from_df(df, y_names=y_name, cont_names=x_names, procs=[Normalize], splits=${split}(range_of(df)), bs=${bs})`,
      'n_in, n_out, is_images = len(x_names), df[y_name].nunique(), False',
      '# (regression: y_block=RegressionBlock() and n_out = 1)',
    ];
  }
  const p = d.params;
  const gen: Record<string, string[]> = {
    spiral: [
      `n, k, noise = ${p.nPerClass}, ${p.nClasses}, ${p.noise}`,
      'r = np.tile(np.linspace(0, 1, n), k)',
      'c = np.repeat(np.arange(k), n)',
      't = c * 2 * np.pi / k + r * 4 + rng.standard_normal(n * k) * noise',
      'x, y = np.stack([r * np.sin(t), r * np.cos(t)], 1), c',
    ],
    circles: [
      `n, noise, factor = ${p.nPerClass}, ${p.noise}, ${p.factor}`,
      'c = np.repeat(np.arange(2), n)',
      't = 2 * np.pi * rng.random(2 * n)',
      'rad = np.where(c == 0, 1.0, factor)',
      'x, y = np.stack([rad * np.cos(t), rad * np.sin(t)], 1) + noise * rng.standard_normal((2 * n, 2)), c',
    ],
    xor: [
      `n, noise = ${p.nPerClass}, ${p.noise}`,
      'c = np.repeat(np.arange(2), n)',
      'sx = np.where(np.tile(np.arange(n), 2) % 2 == 0, 1, -1)',
      'sy = np.where(c == 1, sx, -sx)',
      'coord = lambda m: 0.05 + 0.95 * rng.random(m)',
      'x, y = np.stack([sx * coord(2 * n), sy * coord(2 * n)], 1) + noise * rng.standard_normal((2 * n, 2)), c',
    ],
    blobs: [
      `n, k, noise = ${p.nPerClass}, ${p.nClasses}, ${p.noise}`,
      'c = np.repeat(np.arange(k), n)',
      'a = np.pi / 4 + 2 * np.pi * c / k',
      'x, y = np.stack([0.6 * np.cos(a), 0.6 * np.sin(a)], 1) + noise * rng.standard_normal((n * k, 2)), c',
    ],
  };
  const lines = gen[d.id] ?? [
    `# NOTE: the ${d.id} data set is not regenerated here; its parameters were ${JSON.stringify(p)}.`,
    '# Put your own x (n, 2) and y arrays here.',
    d.id === 'moons'
      ? `from sklearn.datasets import make_moons; x, y = make_moons(${p.nPerClass} * 2, noise=${p.noise}, random_state=${d.seed})`
      : `x = rng.uniform(-1, 1, (${p.n}, 2)); y = np.sin(3 * x[:, 0]) * np.cos(3 * x[:, 1]) + ${p.noise} * rng.standard_normal(${p.n})`,
  ];
  const regression = d.id === 'hills';
  return [
    `# ${d.id}: regenerated with numpy with the playground's formulas (other random numbers: not the same points)`,
    `rng = np.random.default_rng(${d.seed})`,
    ...lines,
    `df = pd.DataFrame({'x0': x[:, 0], 'x1': x[:, 1], 'y': y})`,
    `dls = TabularDataLoaders.from_df(df, y_names='y', cont_names=['x0', 'x1'], procs=[]${regression ? ', y_block=RegressionBlock()' : ', y_block=CategoryBlock()'},`,
    `                                 splits=${split}(range_of(df)), bs=${bs})`,
    `n_in, n_out, is_images = 2, ${regression ? 1 : 'int(df.y.nunique())'}, False`,
  ];
}

const ACT: Record<string, string> = { relu: 'nn.ReLU()', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()', elu: 'nn.ELU()', linear: 'nn.Identity()' };

function modelCode(m: ModelSetup, tabular: boolean): string[] {
  // fastai's tabular batches are (x_cat, x_cont): the model takes both and uses x_cont.
  const wrap = tabular ? ['', 'class Cont(nn.Module):', '    def __init__(self, m): super().__init__(); self.m = m', '    def forward(self, x_cat, x_cont): return self.m(x_cont)', ''] : [];
  if (m.kind === 'cnn') {
    return [
      ...wrap,
      'model = nn.Sequential(',
      `    nn.Conv2d(1, ${m.filters}, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),`,
      `    nn.Conv2d(${m.filters}, ${2 * m.filters}, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),`,
      `    nn.Flatten(), nn.Linear(${2 * m.filters} * 7 * 7, ${m.dense}), nn.ReLU(), nn.Linear(${m.dense}, n_out))`,
    ];
  }
  const layers = ['nn.Flatten()'];
  let inp = 'n_in';
  for (let i = 0; i < m.layers; i++) {
    layers.push(`nn.Linear(${inp}, ${m.units})`, ACT[m.activation] ?? 'nn.ReLU()');
    inp = String(m.units);
  }
  layers.push(`nn.Linear(${inp}, n_out)`);
  return [...wrap, `model = ${tabular ? 'Cont(' : ''}nn.Sequential(${layers.join(', ')})${tabular ? ')' : ''}`];
}

/** fastai's callbacks for the enabled ones, and how to fit. */
function fitCode(s: Setup, cbs: Record<string, ParamValues>): { cbs: string[]; fit: string; notes: string[] } {
  const out: string[] = [];
  const notes: string[] = [];
  const tracker = (p: ParamValues) => `monitor=${py(p.monitor ?? 'valid_loss')}${p.comp && p.comp !== 'auto' ? `, comp=np.${p.comp}` : ''}`;
  let fit = `learn.fit(${s.epochs}, lr=${pyNum(s.lr)})`;
  for (const [name, p] of Object.entries(cbs)) {
    switch (name) {
      case 'ParamScheduler':
        fit =
          p.schedule === 'flat_cos'
            ? `learn.fit_flat_cos(${s.epochs}, lr=${py(p.lrMax)}, pct_start=${py(p.pctStart)}, div_final=${py(p.divFinal)})`
            : `learn.fit_one_cycle(${s.epochs}, lr_max=${py(p.lrMax)}, div=${py(p.div)}, div_final=${py(p.divFinal)}, pct_start=${py(p.pctStart)}${p.moms === false ? ', moms=None' : ''})`;
        break;
      case 'EarlyStoppingCallback':
        out.push(`EarlyStoppingCallback(${tracker(p)}, patience=${py(p.patience)})`);
        break;
      case 'SaveModelCallback':
        out.push(`SaveModelCallback(${tracker(p)})`);
        break;
      case 'ReduceLROnPlateau':
        out.push(`ReduceLROnPlateau(${tracker(p)}, patience=${py(p.patience)}, factor=${py(p.factor)}, min_lr=${py(p.minLr)})`);
        break;
      case 'TerminateOnNaNCallback':
        out.push('TerminateOnNaNCallback()');
        break;
      case 'GradientClip':
        out.push(`GradientClip(max_norm=${py(p.maxNorm)})`);
        break;
      case 'GradientAccumulation':
        out.push(`GradientAccumulation(n_acc=${py(p.nAcc)})`);
        break;
      case 'MixUp':
      case 'CutMix':
        out.push(`${name}(alpha=${py(p.alpha)})`);
        break;
      case 'ShortEpochCallback':
        out.push(`ShortEpochCallback(pct=${py(p.pct)}, short_valid=${py(p.shortValid)})`);
        break;
      case 'CSVLogger':
        out.push(`CSVLogger(fname=${py(p.fname)}, append=${py(p.append)})`);
        break;
      case 'ActivationStats':
        out.push('ActivationStats(with_hist=True)');
        break;
      default:
        notes.push(`# NOTE: ${name} (${JSON.stringify(p)}) has no fastai counterpart here`);
    }
  }
  return { cbs: out, fit, notes };
}

export function fastaiScript({ setup: s, callbacks, csv }: ScriptInput): string {
  const tabular = s.dataset.kind !== 'mnist';
  const f = fitCode(s, callbacks);
  const opt = s.optimizer === 'sgd' ? `partial(SGD, mom=${pyNum(s.momentum)})` : 'Adam';
  const loss = s.dataset.kind === 'synthetic' && s.dataset.id === 'hills' ? 'MSELossFlat()' : 'CrossEntropyLossFlat()';
  const metrics = loss === 'MSELossFlat()' ? '[]' : '[accuracy]';
  return [
    '# Generated by Learner Playground: the same experiment with fastai (pip install fastai).',
    '# The random numbers differ from the browser\'s: expect similar, not identical, curves.',
    'from functools import partial',
    'import numpy as np, pandas as pd',
    'from torch import nn',
    'from fastai.vision.all import *',
    'from fastai.tabular.all import *',
    'from fastai.callback.all import *',
    '',
    `set_seed(${s.dataset.seed})`,
    ...dataCode(s.dataset, s.batchSize, csv),
    '',
    ...modelCode(s.model, tabular),
    '',
    ...f.notes,
    `learn = Learner(dls, model, loss_func=${loss}, opt_func=${opt}, lr=${pyNum(s.lr)}, wd=${pyNum(s.wd)}, metrics=${metrics},`,
    `                cbs=[${f.cbs.join(', ')}])`,
    f.fit,
    '',
  ].join('\n');
}

const None = 'None';
