// The user kind: the CSV or IDX file last loaded into the worker (it never leaves the browser).
// Its builder is `userFileBuilder` in src/data/user-file.ts.
import { defineDatasetKind } from './kind';

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
  fastai: (ds, { batchSize, csv }) => ({
    tabular: true,
    regression: false,
    lines: [
      `# Your CSV file (put it beside this script); the label column: ${csv?.label ?? 'None'}`,
      `df = pd.read_csv(${JSON.stringify(csv?.file ?? 'data.csv')})`,
      `y_name = ${csv ? JSON.stringify(csv.label) : 'df.columns[-1]'}`,
      'x_names = [c for c in df.columns if c != y_name]',
      `dls = TabularDataLoaders.from_df(df, y_names=y_name, cont_names=x_names, procs=[Normalize], splits=RandomSplitter(valid_pct=${ds.validPct}, seed=${ds.seed})(range_of(df)), bs=${batchSize})`,
      'n_in, n_out, is_images = len(x_names), df[y_name].nunique(), False',
      '# (regression: y_block=RegressionBlock() and n_out = 1)',
    ],
  }),
});
