import { describe, expect, it } from 'vitest';
import type { Setup } from '../../setup/messages';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { fastaiScript } from './fastai-script';

describe('fastai script', () => {
  it('reproduces the default spiral setup with numpy, an nn.Sequential MLP, Adam and learn.fit', () => {
    const text = fastaiScript({ setup: DEFAULT_SETUP, callbacks: {} });
    expect(text).toContain('rng = np.random.default_rng(0)');
    expect(text).toContain('n, k, noise = 200, 3, 0.2');
    expect(text).toContain('RandomSplitter(valid_pct=0.2, seed=0)');
    expect(text).toContain(
      'nn.Sequential(nn.Flatten(), nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, n_out))',
    );
    expect(text).toContain('opt_func=Adam, lr=0.05, wd=0');
    expect(text).toContain('bs=128');
    expect(text).toMatch(/^learn\.fit\(10, lr=0\.05\)$/m);
  });

  it('maps MNIST, the CNN, SGD and the callbacks to fastai names', () => {
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
        ParamScheduler: { schedule: 'one_cycle', lrMax: 0.01, div: 25, divFinal: 1e5, pctStart: 0.25, moms: true },
        GradientClip: { maxNorm: 2 },
        EarlyStoppingCallback: { monitor: 'valid_loss', comp: 'auto', patience: 2 },
        Mystery: { a: 1 },
      },
    });
    expect(text).toContain('untar_data(URLs.MNIST)');
    expect(text).toContain('nn.Conv2d(1, 4, 5, padding=2)');
    expect(text).toContain('opt_func=partial(SGD, mom=0.8)');
    expect(text).toMatch(/^learn\.fit_one_cycle\(4, lr_max=0\.01, div=25, div_final=100000, pct_start=0\.25\)$/m);
    expect(text).toContain('cbs=[GradientClip(max_norm=2), EarlyStoppingCallback(monitor="valid_loss", patience=2)]');
    expect(text).toContain('# NOTE: Mystery');
  });

  it('names the CSV file and notes data sets it cannot regenerate', () => {
    const csv = fastaiScript({
      setup: { ...DEFAULT_SETUP, dataset: { kind: 'user', seed: 0, validPct: 0.2 } },
      callbacks: {},
      csv: { file: 'iris.csv', label: 'species' },
    });
    expect(csv).toContain('pd.read_csv("iris.csv")');
    expect(csv).toContain('y_name = "species"');
    const hills = fastaiScript({
      setup: { ...DEFAULT_SETUP, dataset: { kind: 'synthetic', id: 'hills', params: { n: 500, noise: 0.1 }, seed: 0, validPct: 0.2 } },
      callbacks: {},
    });
    expect(hills).toContain('# NOTE: the hills data set is not regenerated here');
    expect(hills).toContain('MSELossFlat()');
  });
});
