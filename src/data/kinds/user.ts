// The user kind: the CSV or IDX file last loaded into the worker (it never leaves the browser).
// Its builder is `userFileBuilder` in src/data/user-file.ts.
import { py } from '../../shared/py-literal';
import { defineDatasetKind, type FastaiData, type FastaiUserFile } from './kind';

type CsvFile = Extract<FastaiUserFile, { format: 'csv' }>;

/** The CSV as the page reads it: numeric features as they are, the label as sorted class ids or a float target. */
function csvLines(csv: CsvFile | null): FastaiData {
  const regression = csv?.task === 'regression';
  const header = csv?.header ?? true;
  return {
    regression,
    lines: [
      '# Your CSV file (put it beside this script), read as the page read it',
      ...(csv ? [] : ['# (no file was loaded: data.csv, its last column the label)']),
      `df = pd.read_csv(${py(csv?.file ?? 'data.csv')}, sep=${py(csv?.delimiter ?? ',')}, header=${header ? '0' : 'None'}, skipinitialspace=True)`,
      header
        ? csv?.columns
          ? `df.columns = ${py(csv.columns)}`
          : 'df.columns = [str(c).strip() for c in df.columns]'
        : "df.columns = [f'column {j + 1}' for j in range(df.shape[1])]",
      `y_name = ${csv ? py(csv.label) : 'df.columns[-1]'}`,
      'x = df[[c for c in df.columns if c != y_name]].to_numpy(np.float32)',
      ...(regression
        ? ['y = df[y_name].to_numpy(np.float32)', 'n_out = 1', 'train_idx, valid_idx = page_split(y, valid_pct, seed + 1)']
        : [
            '# class ids as on the page: numbers sorted by value, text by code point',
            'labels = df[y_name].astype(str).str.strip() if df[y_name].dtype == object else df[y_name]',
            'classes = np.unique(labels)',
            'y = np.searchsorted(classes, labels).astype(np.int64)',
            'n_out = len(classes)',
            'train_idx, valid_idx = page_split(y, valid_pct, seed + 1, n_out)',
          ]),
      'n_in, img_shape = x.shape[1], None',
      'dls = tensor_dls(x, y, train_idx, valid_idx)',
    ],
  };
}

/** MNIST-format IDX files: images scaled to [0, 1], labels 0..max as classes. */
function idxLines(f: Extract<FastaiUserFile, { format: 'idx' }>): FastaiData {
  return {
    regression: false,
    lines: [
      '# Your IDX files (put them beside this script; .gz is fine), read as the page read them',
      'def read_idx(fname):',
      '    data = Path(fname).read_bytes()',
      "    if data[:2] == b'\\x1f\\x8b': data = gzip.decompress(data)",
      "    shape = struct.unpack('>' + 'I' * data[3], data[4:4 + 4 * data[3]])",
      '    return np.frombuffer(data, np.uint8, offset=4 + 4 * data[3]).reshape(shape)',
      `images, labels = read_idx(${py(f.images)}), read_idx(${py(f.labels)})`,
      'x = (images[:, None] / 255).astype(np.float32)',
      'y = labels.astype(np.int64)',
      'n_in, n_out, img_shape = x[0].size, int(y.max()) + 1, x.shape[1:]',
      'train_idx, valid_idx = page_split(y, valid_pct, seed + 1, n_out)',
      'dls = tensor_dls(x, y, train_idx, valid_idx)',
    ],
  };
}

export interface UserSetup {
  kind: 'user';
  seed: number;
  validPct: number;
}

export const USER_KIND = defineDatasetKind<UserSetup>({
  kind: 'user',
  group: 'Yours',
  choices: [{ id: 'user', label: 'Your file (load one below)' }],
  fromFile: true,
  choiceOf: () => 'user',
  create: (_choice, common) => ({ kind: 'user', ...common }),
  fields: () => [],
  values: () => ({}),
  withValues: (ds) => ds,
  traits: () => ({ images: null, classes: null }),
  summary: () => 'user',
  fastai: (_ds, { userFile }) => (userFile?.format === 'idx' ? idxLines(userFile) : csvLines(userFile ?? null)),
});
