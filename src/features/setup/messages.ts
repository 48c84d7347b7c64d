// The setup's messages: what a run trains on (data, model, optimizer, numbers), the worker's
// description of the data and the model, and the user's files. Plain data only.

// The data and model parts of a setup are the registries' kinds (src/data/kinds, src/models/kinds):
// one flat shape per kind, as stored in saved runs and links, e.g.
//   { kind: 'synthetic', id, params, seed, validPct } | { kind: 'mnist', limit, seed, validPct } | { kind: 'user', seed, validPct }
//   { kind: 'mlp', layers, units, activation } | { kind: 'cnn', filters, dense }
export type { DatasetSetup } from '../../data/kinds/catalog';
export type { ModelSetup } from '../../models/kinds/catalog';
export type { SyntheticId } from '../../data/synthetic';
export type { ActivationName } from '../../models/kinds/mlp';
import type { DatasetSetup } from '../../data/kinds/catalog';
import type { ModelSetup } from '../../models/kinds/catalog';
import type { ModelNames } from '../../models/torch-names';
export type { ModelNames } from '../../models/torch-names';

export type OptimizerName = 'adam' | 'sgd';

/** Everything one training run is asked to do. The input and output shapes follow the dataset. */
export interface Setup {
  dataset: DatasetSetup;
  model: ModelSetup;
  optimizer: OptimizerName;
  /** SGD momentum (Adam uses its own beta1 = 0.9). */
  momentum: number;
  lr: number;
  wd: number;
  batchSize: number;
  epochs: number;
  /** Weight decay on biases and BatchNorm too (fastai's `wd_bn_bias`; absent: false, as fastai). */
  wdBnBias?: boolean;
}

/** The dataset the worker has ready (sent after 'describe' and after a file loaded). */
export interface DatasetInfo {
  /** 'Spiral', 'MNIST (2,000 images)', 'iris.csv' ... */
  name: string;
  source: DatasetSetup['kind'];
  task: 'classification' | 'regression';
  nTrain: number;
  nValid: number;
  nFeatures: number;
  nClasses: number | null;
  classNames: string[] | null;
  imageShape: [number, number, number] | null;
  /** 2-D data only: the training points, x0 y0 x1 y1 ... (for the decision-boundary view) */
  points: Float32Array | null;
  /** Their labels (class ids, or regression targets). */
  pointLabels: Float32Array | null;
}

/** What a CSV label column is taken as: 'auto' lets the parser decide (text, or few whole numbers: classes). */
export type CsvTask = 'classification' | 'regression' | 'auto';

/** One column of the user's CSV, for the label picker. */
export interface CsvColumnInfo {
  name: string;
  /** Every non-empty value is a number. */
  numeric: boolean;
  /** Distinct non-empty values (counted up to 1,001). */
  distinct: number;
  /** What 'auto' makes of it as the label. */
  suggestedTask: 'classification' | 'regression';
}

/** The CSV the worker holds as the user dataset: its columns and the label choice it was parsed with. */
export interface CsvColumns {
  file: string;
  columns: CsvColumnInfo[];
  label: string;
  task: CsvTask;
  /** As detected when the file was read (the fastai script reads it the same way). */
  delimiter?: string;
  /** Header names given more than once, and the names they got (x, x.1, x.2). */
  renamed?: Array<{ from: string; to: string }>;
  header?: boolean;
}

export interface LayerSummary {
  name: string;
  kind: string;
  /** e.g. [null, 14, 14, 8] */
  outputShape: (number | null)[];
  params: number;
}

export interface ModelSummary {
  layers: LayerSummary[];
  totalParams: number;
  /** PyTorch's names of the layers and weights, by tfjs name ("dense_Dense3/kernel" → "1.weight"). */
  names: ModelNames;
}

export type SetupPageToWorker =
  /** Prepare the setup's data (fetch MNIST, make the synthetic set) and describe it and the model. */
  | { type: 'describe'; setup: Setup }
  /** The user's file (a handle: the worker streams it in). `label`: the CSV label column (name), else the last one. */
  | { type: 'load-csv'; name: string; file: Blob; label?: string; task?: CsvTask }
  /** Stop reading the file being loaded; the data loaded before stays. */
  | { type: 'cancel-load' }
  /** Re-parse the CSV the worker holds with another label column / task (a failure keeps the current one). */
  | { type: 'csv-label'; label: string; task: CsvTask }
  | { type: 'load-idx'; name: string; images: ArrayBuffer; labels: ArrayBuffer }
  /** New random weights and a fresh optimizer, at the end of the current batch. */
  | { type: 'reset-weights' };

export type SetupWorkerToPage =
  | { type: 'dataset'; info: DatasetInfo }
  | { type: 'model-summary'; summary: ModelSummary | null; problem?: string }
  /** A run's model, before its fit starts: PyTorch's names of its layers and weights, by tfjs name. */
  | { type: 'model-names'; names: ModelNames }
  /** A file or dataset could not be used: the parser's (or the page's) message; the previous dataset stays. */
  | { type: 'data-error'; message: string; file: string }
  /** After a CSV loaded or was re-labelled: its columns and label; null once the user data is not a CSV. */
  | { type: 'csv-columns'; csv: CsvColumns | null }
  /** What is loading (null: nothing now); a file being read also says how far it got. */
  | { type: 'loading'; what: string | null; progress?: LoadProgress }
  /** The user cancelled reading `file`; the data loaded before stays. */
  | { type: 'load-cancelled'; file: string };

/** How far the worker got reading a file. */
export interface LoadProgress {
  bytes: number;
  total: number;
  rows: number;
}
