// The synthetic kind: the six 2-D generators of src/data/synthetic.ts, one picker entry each, their
// parameters in links as `p.<key>`. Its builder is `syntheticBuilder` in src/data/synthetic.ts.
import type { FieldSpec } from '../../shared/params';
import { SYNTHETIC, defaultParams, syntheticSpec, type SyntheticId } from '../synthetic';
import { defineDatasetKind } from './kind';

export interface SyntheticSetup {
  kind: 'synthetic';
  id: SyntheticId;
  params: Record<string, number>;
  seed: number;
  validPct: number;
}

const PREFIX = 'p.';
const fields = new Map<string, readonly FieldSpec[]>(
  SYNTHETIC.map((s) => [s.id, s.params.map((p) => ({ ...p, url: `${PREFIX}${p.key}` }))]),
);

/** numpy versions of the playground's generators (the same formulas, other random numbers). */
function numpyLines(id: SyntheticId, p: Record<string, number>, seed: number): string[] {
  switch (id) {
    case 'spiral':
      return [
        `n, k, noise = ${p.nPerClass}, ${p.nClasses}, ${p.noise}`,
        'r = np.tile(np.linspace(0, 1, n), k)',
        'c = np.repeat(np.arange(k), n)',
        't = c * 2 * np.pi / k + r * 4 + rng.standard_normal(n * k) * noise',
        'x, y = np.stack([r * np.sin(t), r * np.cos(t)], 1), c',
      ];
    case 'circles':
      return [
        `n, noise, factor = ${p.nPerClass}, ${p.noise}, ${p.factor}`,
        'c = np.repeat(np.arange(2), n)',
        't = 2 * np.pi * rng.random(2 * n)',
        'rad = np.where(c == 0, 1.0, factor)',
        'x, y = np.stack([rad * np.cos(t), rad * np.sin(t)], 1) + noise * rng.standard_normal((2 * n, 2)), c',
      ];
    case 'xor':
      return [
        `n, noise = ${p.nPerClass}, ${p.noise}`,
        'c = np.repeat(np.arange(2), n)',
        'sx = np.where(np.tile(np.arange(n), 2) % 2 == 0, 1, -1)',
        'sy = np.where(c == 1, sx, -sx)',
        'coord = lambda m: 0.05 + 0.95 * rng.random(m)',
        'x, y = np.stack([sx * coord(2 * n), sy * coord(2 * n)], 1) + noise * rng.standard_normal((2 * n, 2)), c',
      ];
    case 'blobs':
      return [
        `n, k, noise = ${p.nPerClass}, ${p.nClasses}, ${p.noise}`,
        'c = np.repeat(np.arange(k), n)',
        'a = np.pi / 4 + 2 * np.pi * c / k',
        'x, y = np.stack([0.6 * np.cos(a), 0.6 * np.sin(a)], 1) + noise * rng.standard_normal((n * k, 2)), c',
      ];
    default:
      return [
        `# NOTE: the ${id} data set is not regenerated here; its parameters were ${JSON.stringify(p)}.`,
        '# Put your own x (n, 2) and y arrays here.',
        id === 'moons'
          ? `from sklearn.datasets import make_moons; x, y = make_moons(${p.nPerClass} * 2, noise=${p.noise}, random_state=${seed})`
          : `x = rng.uniform(-1, 1, (${p.n}, 2)); y = np.sin(3 * x[:, 0]) * np.cos(3 * x[:, 1]) + ${p.noise} * rng.standard_normal(${p.n})`,
      ];
  }
}

export const SYNTHETIC_KIND = defineDatasetKind<SyntheticSetup>({
  kind: 'synthetic',
  group: '2-D',
  choices: SYNTHETIC.map((s) => ({ id: s.id, label: s.label, description: s.description, task: s.task })),
  urlPrefix: PREFIX,
  choiceOf: (ds) => ds.id,
  create: (choice, common) => {
    const spec = syntheticSpec(choice as SyntheticId);
    const params = defaultParams(spec);
    delete params.seed; // the setup's own seed drives the generator
    return { kind: 'synthetic', id: spec.id, params, ...common };
  },
  fields: (choice) => fields.get(choice) ?? [],
  values: (ds) => ds.params,
  withValues: (ds, v) => ({ ...ds, params: { ...ds.params, ...(v as Record<string, number>) } }),
  traits: (ds) => ({ images: false, classes: syntheticSpec(ds.id).task === 'classification' }),
  summary: (ds) => ds.id,
  fastai: (ds, { batchSize }) => {
    const regression = syntheticSpec(ds.id).task === 'regression';
    const split = `RandomSplitter(valid_pct=${ds.validPct}, seed=${ds.seed})`;
    return {
      tabular: true,
      regression,
      lines: [
        `# ${ds.id}: regenerated with numpy with the playground's formulas (other random numbers: not the same points)`,
        `rng = np.random.default_rng(${ds.seed})`,
        ...numpyLines(ds.id, ds.params, ds.seed),
        `df = pd.DataFrame({'x0': x[:, 0], 'x1': x[:, 1], 'y': y})`,
        `dls = TabularDataLoaders.from_df(df, y_names='y', cont_names=['x0', 'x1'], procs=[]${regression ? ', y_block=RegressionBlock()' : ', y_block=CategoryBlock()'},`,
        `                                 splits=${split}(range_of(df)), bs=${batchSize})`,
        `n_in, n_out, is_images = 2, ${regression ? 1 : 'int(df.y.nunique())'}, False`,
      ],
    };
  },
});
