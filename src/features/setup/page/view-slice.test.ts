import { describe, expect, it } from 'vitest';
import type { CsvColumns, DatasetInfo } from '../messages';
import { useStore, type AppState } from '../../../app/store';
import { reduce } from './view-slice';

const info = (p: Partial<DatasetInfo> = {}): DatasetInfo => ({
  name: 'iris.csv',
  source: 'user',
  task: 'classification',
  nTrain: 120,
  nValid: 30,
  nFeatures: 4,
  nClasses: 3,
  classNames: null,
  imageShape: null,
  points: null,
  pointLabels: null,
  ...p,
});
const csv: CsvColumns = {
  file: 'iris.csv',
  label: 'species',
  task: 'auto',
  columns: [
    { name: 'petal_width', numeric: true, distinct: 22, suggestedTask: 'regression' },
    { name: 'species', numeric: false, distinct: 3, suggestedTask: 'classification' },
  ],
};

describe("view slice: the user's data", () => {
  it('keeps the CSV columns the worker sends, and forgets them for IDX files', () => {
    const s0 = useStore.getState();
    const s1 = { ...s0, ...reduce(s0, { type: 'csv-columns', csv }) } as AppState;
    expect(s1.csv).toEqual(csv);
    expect(reduce(s1, { type: 'csv-columns', csv: null })).toEqual({ csv: null, dataError: null });
  });

  it('a user dataset of another shape bumps userDataVersion (the model is described again); the same one does not', () => {
    let s = useStore.getState();
    const apply = (i: DatasetInfo) => (s = { ...s, ...reduce(s, { type: 'dataset', info: i }) } as AppState);
    const v0 = s.userDataVersion;
    apply(info());
    expect(s.userDataVersion).toBe(v0 + 1);
    expect(s.setup.dataset.kind).toBe('user');
    s = { ...s, dataError: { file: 'bad.csv', message: "row 3, column 'b': 'oops' is not a number" } };
    apply(info()); // the describe that follows: same data, and a later file's refusal stays
    expect(s.userDataVersion).toBe(v0 + 1);
    expect(s.dataError?.file).toBe('bad.csv');
    apply(info({ task: 'regression', nClasses: null })); // re-labelled
    expect(s.userDataVersion).toBe(v0 + 2);
    expect(s.dataError).toBeNull();
    apply(info({ name: 'other.csv', task: 'regression', nClasses: null }));
    expect(s.userDataVersion).toBe(v0 + 3);
    expect(s.userFile).toBe('other.csv');
    // a synthetic set is not the user's data
    const before = s.userDataVersion;
    apply(info({ name: 'Spiral', source: 'synthetic' }));
    expect(s.userDataVersion).toBe(before);
  });

  it('a file that rules out the model: the model falls back, and the refusals of its fields go with it', () => {
    const s0 = useStore.getState();
    const s = {
      ...s0,
      setup: { ...s0.setup, model: { kind: 'cnn', filters: 8, dense: 32 } },
      invalid: { 'model-filters': 'Filters must be a whole number', batchSize: 'Batch size must be at least 1' },
    } as AppState;
    const patch = reduce(s, { type: 'dataset', info: info() })!;
    expect(patch.setup?.model.kind).toBe('mlp');
    expect(patch.invalid).toEqual({ batchSize: 'Batch size must be at least 1' });
  });

  it('a refused file keeps the dataset and the CSV columns', () => {
    const s = { ...useStore.getState(), dataset: info(), csv };
    const patch = reduce(s, {
      type: 'data-error',
      file: 'iris.csv',
      message: "the label column 'k' has only one class ('7'); classification needs at least two",
    });
    expect(patch).toEqual({
      dataError: { file: 'iris.csv', message: expect.stringMatching(/only one class/) },
      loading: null,
      loadProgress: null,
    });
  });
});
