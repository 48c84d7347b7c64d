import { describe, expect, it } from 'vitest';
import { fieldProblem, urlKey } from '../../shared/params';
import { DATASET_BUILDERS, datasetBuilderOf, type DataContext } from './builders';
import {
  DATASET_KINDS,
  allChoices,
  choiceOf,
  createDataset,
  dataTraits,
  datasetProblems,
  datasetSummary,
  type DatasetSetup,
} from './catalog';

/** A stand-in MNIST file: n images of 28x28, labels 0..9 in turn (the MNB1 format of scripts/build-mnist.mjs). */
function fakeMnist(n: number): ArrayBuffer {
  const bytes = new Uint8Array(16 + n * (784 + 1));
  bytes.set([...'MNB1'].map((c) => c.charCodeAt(0)));
  const view = new DataView(bytes.buffer);
  view.setUint32(4, n, true);
  view.setUint32(8, 28, true);
  view.setUint32(12, 28, true);
  for (let i = 0; i < n; i++) bytes[16 + n * 784 + i] = i % 10;
  return bytes.buffer;
}

const context = (userFile: DataContext['userFile'] = null): DataContext => ({
  fetchBytes: async () => fakeMnist(200),
  url: (p) => p,
  kept: new Map(),
  userFile,
});

describe('dataset registry', () => {
  it('has a builder for every kind of the plain catalog, and none more', () => {
    expect(Object.keys(DATASET_BUILDERS).sort()).toEqual(DATASET_KINDS.map((k) => k.kind).sort());
  });

  it('keeps the stored shapes of saved runs and links', () => {
    const common = { seed: 3, validPct: 0.25 };
    expect(createDataset('spiral', common)).toEqual({
      kind: 'synthetic',
      id: 'spiral',
      params: { nPerClass: 200, nClasses: 3, noise: 0.2 },
      ...common,
    });
    expect(createDataset('mnist', common)).toEqual({ kind: 'mnist', limit: 2000, ...common });
    expect(createDataset('user', common)).toEqual({ kind: 'user', ...common });
  });

  it('every choice: a valid setup at its defaults, its own choice back, fields with distinct link keys', () => {
    expect(allChoices().map((c) => c.id)).toEqual(['spiral', 'circles', 'xor', 'blobs', 'moons', 'hills', 'mnist', 'user']);
    for (const c of allChoices()) {
      const ds = createDataset<DatasetSetup>(c.id, { seed: 0, validPct: 0.2 });
      expect(choiceOf(ds), c.id).toBe(c.id);
      expect(datasetProblems(ds), c.id).toEqual([]);
      const fields = c.kind.fields(c.id);
      for (const f of fields) expect(fieldProblem(f, f.default)).toBeNull();
      expect(new Set(fields.map(urlKey)).size).toBe(fields.length);
    }
    expect(datasetSummary(createDataset('hills', { seed: 0, validPct: 0.2 }))).toBe('hills');
  });

  it('each builder makes data whose traits are the ones the page assumes before it is made', async () => {
    for (const c of allChoices().filter((x) => !x.kind.fromFile)) {
      const ds = createDataset<DatasetSetup>(c.id, { seed: 1, validPct: 0.2 });
      const ctx = context();
      await datasetBuilderOf(ds).prepare?.(ds, ctx);
      const { full } = datasetBuilderOf(ds).make(ds, ctx);
      const traits = dataTraits(ds, null);
      expect(traits.images, c.id).toBe(!!full.imageShape);
      expect(traits.classes, c.id).toBe(full.task === 'classification');
    }
  });

  it('MNIST: a seeded sample of `limit` images, fetched once', async () => {
    let fetches = 0;
    const ctx = { ...context(), fetchBytes: async () => (fetches++, fakeMnist(200)) };
    const ds = { kind: 'mnist', limit: 150, seed: 0, validPct: 0.2 } as const;
    await datasetBuilderOf(ds).prepare?.(ds, ctx);
    await datasetBuilderOf(ds).prepare?.(ds, ctx);
    expect(fetches).toBe(1);
    const made = datasetBuilderOf(ds).make(ds, ctx);
    expect(made.name).toBe('MNIST (150 images)');
    expect(made.full.y.length).toBe(150);
  });

  it("the user's kind: the loaded file decides its traits, and no file is a DataError", () => {
    const ds = { kind: 'user', seed: 0, validPct: 0.2 } as const;
    expect(dataTraits(ds, null)).toEqual({ images: null, classes: null });
    expect(dataTraits(ds, { source: 'user', imageShape: [28, 28, 1], task: 'classification' })).toEqual({ images: true, classes: true });
    expect(dataTraits(ds, { source: 'mnist', imageShape: [28, 28, 1], task: 'classification' })).toEqual({ images: null, classes: null });
    expect(() => datasetBuilderOf(ds).make(ds, context())).toThrow(/No file loaded yet/);
  });
});
