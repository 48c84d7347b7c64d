// Adding a kind is one entry: registries with an extra model kind and an extra dataset kind, defined
// here, go through the link table, the summaries, the forms and the needs rule with no other change.
import { describe, expect, it } from 'vitest';
import { DATASET_KINDS, createDataset, dataTraits, datasetSummary } from '../../../data/kinds/catalog';
import { defineDatasetKind } from '../../../data/kinds/kind';
import { MODEL_KINDS, modelSummary } from '../../../models/kinds/catalog';
import { defineModelKind } from '../../../models/kinds/kind';
import { enumField, intField } from '../../../shared/params';
import { decodeState, encodeState, urlTable } from '../../share/page/url-state';
import { DEFAULT_SETUP } from '../setup-rules';
import type { Setup } from '../messages';
import { dataForm, modelForm } from './setup-form';

const RES_MLP = defineModelKind({
  kind: 'resmlp',
  name: 'ResMLP',
  label: 'Residual MLP',
  description: 'Dense blocks with skip connections',
  params: [intField('blocks', 'Blocks', 1, 6, 2), enumField('norm', 'Normalisation', ['none', 'layer'], 'none')],
  needs: { images: true },
  summary: (m) => `ResMLP ${m.blocks} blocks, ${m.norm} norm`,
  fastai: (m) => [`model = ResMLP(n_in, n_out, blocks=${m.blocks})`],
  plan: (m, { inputs }) =>
    Array.from({ length: m.blocks }, () => ({ kind: 'Dense', outputShape: [null, inputs], params: inputs * inputs })),
  torch: () => [],
});

interface CheckerSetup {
  kind: 'checker';
  cells: number;
  seed: number;
  validPct: number;
}

const CHECKER = defineDatasetKind<CheckerSetup>({
  kind: 'checker',
  group: '2-D',
  choices: [{ id: 'checker', label: 'Checkerboard', description: 'Alternating squares', task: 'classification' }],
  choiceOf: () => 'checker',
  create: (_c, common) => ({ kind: 'checker', cells: 4, ...common }),
  fields: () => [{ ...intField('cells', 'Cells per side', 2, 12, 4), url: 'cells' }],
  values: (ds) => ({ cells: ds.cells }),
  withValues: (ds, v) => ({ ...ds, ...(v as { cells?: number }) }),
  traits: () => ({ images: false, classes: true }),
  summary: () => 'checker',
  fastai: () => ({ lines: [], regression: false }),
});

const models = [...MODEL_KINDS, RES_MLP];
const datasets = [...DATASET_KINDS, CHECKER];
const table = urlTable(models, datasets);
const none = { callbacks: {}, breakpoints: [] };

describe('a registry with one more model kind and one more dataset kind', () => {
  it('the link table has their keys and round-trips them', () => {
    const checker = { kind: 'checker', cells: 7, seed: 2, validPct: 0.3 };
    const onChecker = { ...DEFAULT_SETUP, dataset: checker } as unknown as Setup;
    const hash = encodeState({ setup: onChecker, ...none }, table);
    expect(hash).toContain('data=checker&cells=7&seed=2&valid=0.3&model=mlp&layers=2');
    expect(decodeState(hash, table)).toEqual({ setup: onChecker, ...none, ignored: [] });

    const res = { kind: 'resmlp', blocks: 5, norm: 'layer' };
    const onMnist = { ...DEFAULT_SETUP, dataset: createDataset('mnist', { seed: 0, validPct: 0.2 }), model: res } as unknown as Setup;
    const hash2 = encodeState({ setup: onMnist, ...none }, table);
    expect(hash2).toContain('model=resmlp&blocks=5&norm=layer');
    expect(decodeState(hash2, table)).toEqual({ setup: onMnist, ...none, ignored: [] });
  });

  it('the one needs rule keeps the new model off data it does not fit', () => {
    const s = decodeState('#data=checker&model=resmlp&blocks=3', table);
    expect(s.setup.model.kind).toBe('mlp');
    expect(s.ignored).toEqual(['model=resmlp (ResMLP needs image data)']);
    // the default table does not know either kind
    expect(decodeState('#data=checker&model=resmlp&blocks=3').ignored).toEqual([
      'data=checker (one of spiral, circles, xor, blobs, moons, hills, mnist, user)',
      'model=resmlp (one of mlp, cnn, layers)',
      'unknown key "blocks"',
    ]);
  });

  it('summaries name runs and kept models', () => {
    expect(modelSummary({ kind: 'resmlp', blocks: 3, norm: 'none' }, models)).toBe('ResMLP 3 blocks, none norm');
    expect(datasetSummary({ kind: 'checker' }, datasets)).toBe('checker');
  });

  it('the forms offer them and show their fields', () => {
    const checker = { kind: 'checker', cells: 6, seed: 0, validPct: 0.2 };
    const model = modelForm({ kind: 'resmlp', blocks: 3, norm: 'layer' }, dataTraits(checker, null, datasets), models);
    expect(model.options.at(-1)).toEqual({ value: 'resmlp', label: 'Residual MLP — images only', disabled: true });
    expect(model.fields.map((f) => [f.id, f.value])).toEqual([
      ['model-blocks', 3],
      ['model-norm', 'layer'],
    ]);
    const onMnist = modelForm({ kind: 'mlp', layers: 1, units: 4, activation: 'tanh' }, { images: true, classes: true }, models);
    expect(onMnist.options.map((o) => o.disabled)).toEqual([false, false, false, false]);

    const data = dataForm(checker, null, datasets);
    expect(data.value).toBe('checker');
    expect(data.description).toBe('Alternating squares');
    expect(data.groups.map((g) => [g.label, g.options.map((o) => o.value)])).toEqual([
      ['2-D', ['spiral', 'circles', 'xor', 'blobs', 'moons', 'hills', 'checker']],
      ['Images', ['mnist']],
      ['Yours', ['user']],
    ]);
    expect(data.fields.map((f) => [f.id, f.value])).toEqual([
      ['data-cells', 6],
      ['data-validPct', 0.2],
      ['data-seed', 0],
    ]);
  });
});
