// What a dataset kind is, as plain data the page may import: the picker's entries (choices), the
// fields of its setup with their rules and link keys, what its data is (images, classes), its
// summary and its fastai counterpart. Its builder (which makes the data in the worker) is listed
// in src/data/kinds/builders.ts.
import { intField, realField, type FieldSpec, type FieldValue } from '../../shared/params';
import type { Dataset, Task } from '../dataset';

/** Every dataset setup has a seed (data, split, shuffling) and a validation share. */
export interface DatasetCommon {
  seed: number;
  validPct: number;
}

export type DatasetSetupBase = { kind: string } & DatasetCommon;

export const SEED_FIELD = intField('seed', 'Seed', 0, 2 ** 31 - 1, 0, 'Same seed, same points and same split');
export const VALID_PCT_FIELD = {
  ...realField('validPct', 'Validation share', 0.05, 0.9, 0.05, 0.2, 'Fraction of rows held out'),
  url: 'valid',
};

/** One entry of the dataset picker; its id is the link's `data=<id>`. */
export interface DataChoice {
  id: string;
  label: string;
  description?: string;
  /** Known before the data is made (synthetic sets); absent: the data decides. */
  task?: Task;
}

/** What the data is (what a model kind's `needs` is checked against); null: not known yet (the user's file decides). */
export interface DataTraits {
  images: boolean | null;
  classes: boolean | null;
}

/** The user's file as the exported fastai script reads it: a CSV as the page parsed it, or IDX files. */
export type FastaiUserFile =
  | {
      format: 'csv';
      file: string;
      label: string;
      /** What the page made of the label. */
      task: Task;
      /** As the page detected them; default ',' and a header row. */
      delimiter?: string;
      header?: boolean;
      /** The column names as the page has them (a repeated header name renamed: x, x.1); the script sets them, whatever pandas does. */
      columns?: string[];
    }
  | { format: 'idx'; images: string; labels: string };

/** The data side of the generated fastai script. */
export interface FastaiDataContext {
  /** The user's file, when the data is one. */
  userFile?: FastaiUserFile | null;
}

export interface FastaiData {
  /**
   * Python lines that set `dls` (from the page's own split: `train_idx`, `valid_idx`), `n_in`,
   * `n_out` and `img_shape` ((c, h, w), or None for rows). `seed`, `valid_pct` and `bs` are set before.
   */
  lines: string[];
  regression: boolean;
}

export interface DatasetKindSpec<S extends DatasetSetupBase = DatasetSetupBase> {
  /** Stored in the setup. */
  kind: S['kind'];
  /** The picker's group: '2-D', 'Images', 'Yours'. */
  group: string;
  choices: readonly DataChoice[];
  /** The data is the user's file: its choice shows the file's name, is off until one loaded, and a loaded file selects it. */
  fromFile?: boolean;
  /** Shown while the worker prepares the data ('MNIST' is fetched once). */
  loading?: string;
  choiceOf(ds: S): string;
  /** The setup of a choice, its fields at their defaults. */
  create(choice: string, common: DatasetCommon): S;
  /** The choice's own fields (besides seed and validPct). */
  fields(choice: string): readonly FieldSpec[];
  values(ds: S): Record<string, FieldValue>;
  withValues(ds: S, values: Record<string, FieldValue>): S;
  traits(ds: S): DataTraits;
  /** 'spiral', 'mnist': the data part of a run's name. */
  summary(ds: S): string;
  fastai(ds: S, ctx: FastaiDataContext): FastaiData;
  /**
   * A link prefix all of this kind's keys share ('p.'): a key under it that the chosen entry
   * lacks is named as its unknown parameter.
   */
  urlPrefix?: string;
}

/** Any kind, with its setup type erased. */
export type AnyDatasetKind = DatasetKindSpec<DatasetSetupBase>;

export function defineDatasetKind<S extends DatasetSetupBase>(spec: DatasetKindSpec<S>): DatasetKindSpec<S> {
  return spec;
}

// The builder's side, as types only (the builders themselves run in the worker).

/** What a builder may use: the network, data kept across runs, and the user's file. */
export interface DataContext {
  fetchBytes(url: string): Promise<ArrayBuffer>;
  /** The URL of a file the page serves from public/ (`data/mnist-10k.bin`). */
  url(path: string): string;
  /** Data kept for the worker's lifetime, by the builder's own key (MNIST is fetched once). */
  kept: Map<string, Dataset>;
  /** The user's last good file. */
  userFile: { name: string; data: Dataset } | null;
}

export interface DatasetBuilder<S> {
  /** Loads what `make` needs and is not here yet. */
  prepare?(ds: S, ctx: DataContext): Promise<void>;
  /** The whole dataset (split later) and its display name. */
  make(ds: S, ctx: DataContext): { name: string; full: Dataset };
}
