// The synthetic kind: the six 2-D generators of src/data/synthetic.ts, one picker entry each, their
// parameters in links as `p.<key>`. Its builder is `syntheticBuilder` in src/data/synthetic.ts.
import type { FieldSpec } from '../../shared/params';
import { SYNTHETIC, defaultParams, syntheticSpec, type SyntheticId } from '../synthetic';
import { py, pyComment } from '../../shared/py-literal';
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

/** The page's generators (src/data/spiral.ts, toy2d.ts) in Python, drawing from the ported mulberry32 (`rng`). */
function generatorLines(id: SyntheticId, p: Record<string, number>): string[] {
  // byClass: points class by class, then Gaussian noise on x, then on y (toy2d.ts)
  const byClass = (k: string, point: string[]) => [
    `n, k, noise = ${py(p.nPerClass)}, ${k}, ${py(p.noise, { float: true })}`,
    'def point(c, i):',
    ...point.map((l) => `    ${l}`),
    'rows = []',
    'for c in range(k):',
    '    for i in range(n):',
    '        px, py = point(c, i)',
    '        if noise > 0: px += noise * page_normal(rng)',
    '        if noise > 0: py += noise * page_normal(rng)',
    '        rows.append((px, py, c))',
  ];
  switch (id) {
    case 'spiral':
      return [
        `n, k, noise = ${py(p.nPerClass)}, ${py(p.nClasses)}, ${py(p.noise, { float: true })}`,
        'rows = []',
        'for c in range(k):',
        '    for i in range(n):',
        '        r = 1 if n == 1 else i / (n - 1)',
        '        t = (c * 2 * math.pi) / k + r * 4 + page_normal(rng) * noise',
        '        rows.append((r * math.sin(t), r * math.cos(t), c))',
      ];
    case 'circles':
      return byClass('2', [
        `r = 1 if c == 0 else ${py(p.factor, { float: true })}`,
        't = 2 * math.pi * rng()',
        'return r * math.cos(t), r * math.sin(t)',
      ]);
    case 'xor':
      return byClass('2', [
        'sx = 1 if i % 2 == 0 else -1',
        'sy = sx if c == 1 else -sx',
        'coord = lambda: 0.05 + (1 - 0.05) * rng()',
        'return sx * coord(), sy * coord()',
      ]);
    case 'blobs':
      return byClass(py(p.nClasses), ['t = math.pi / 4 + (2 * math.pi * c) / k', 'return 0.6 * math.cos(t), 0.6 * math.sin(t)']);
    case 'moons':
      return byClass('2', [
        't = math.pi * rng()',
        'px, py = (math.cos(t), math.sin(t)) if c == 0 else (1 - math.cos(t), 0.5 - math.sin(t))',
        'return (px - 0.5) * (1 / 1.5), (py - 0.25) * (1 / 1.5)',
      ]);
    case 'hills':
      return [
        `n, noise = ${py(p.n)}, ${py(p.noise, { float: true })}`,
        'f32 = lambda v: float(np.float32(v))',
        'rows = []',
        'for i in range(n):',
        '    px = f32(2 * rng() - 1)',
        '    py = f32(2 * rng() - 1)',
        '    z = math.sin(math.pi * px) * math.cos(math.pi * py) + (noise * page_normal(rng) if noise > 0 else 0)',
        '    rows.append((px, py, z))',
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
  fastai: (ds) => {
    const regression = syntheticSpec(ds.id).task === 'regression';
    return {
      regression,
      lines: [
        pyComment(`${ds.id}: the page's own points (its generator and random numbers, ported) and its split`),
        'rng = page_rng(seed)',
        ...generatorLines(ds.id, ds.params),
        'x = np.array([r[:2] for r in rows], np.float32)',
        regression ? 'y = np.array([r[2] for r in rows], np.float32)' : 'y = np.array([r[2] for r in rows], np.int64)',
        `n_in, n_out, img_shape = 2, ${regression ? '1' : 'k'}, None`,
        `train_idx, valid_idx = page_split(y, valid_pct, seed + 1${regression ? '' : ', n_out'})`,
        'dls = tensor_dls(x, y, train_idx, valid_idx)',
      ],
    };
  },
});
