// The worker's data: makes the dataset a setup asks for with its kind's builder, keeps what the
// builders fetched (MNIST, once) and the user's last good file, and caches the split of the current choice. A file that fails to
// parse throws a DataError and leaves the previous user dataset in place.
import { summarizeColumns, toDataset, type CsvTable } from '../../../data/csv';
import { readCsvFile, type ReadProgress } from './csv-file';
import type { Dataset } from '../../../data/dataset';
import { DataError, MAX_FILE_BYTES, checkFileSize } from '../../../data/errors';
import { gunzipCapped } from './gunzip';
import { isGzip, parseIdx } from '../../../data/idx';
import { datasetBuilderOf, type DataContext } from '../../../data/kinds/builders';
import { MNIST_URL } from '../../../data/mnist';
import { emptySplitProblem, splitTrainValid } from '../../../data/split';
import type { CsvColumns, CsvTask, DatasetInfo, DatasetSetup } from '../messages';

export interface SplitData {
  name: string;
  full: Dataset;
  train: Dataset;
  valid: Dataset;
}

export type Fetcher = (url: string) => Promise<ArrayBuffer>;

const defaultFetch: Fetcher = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new DataError('fetch', `Could not load ${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
};

export class DataSource {
  private readonly kept = new Map<string, Dataset>();
  private user: { name: string; data: Dataset } | null = null;
  /** The user's CSV (when the user data is one): its table, to convert again with another label. */
  private csv: { table: CsvTable; info: CsvColumns } | null = null;
  private cache: { key: string; split: SplitData } | null = null;

  /** mnistUrl: where the page serves MNIST_URL (the worker's script is one level below the page). */
  constructor(
    private readonly fetchBytes: Fetcher = defaultFetch,
    private readonly mnistUrl = MNIST_URL,
  ) {}

  private context(): DataContext {
    return {
      fetchBytes: this.fetchBytes,
      url: (path) => (path === MNIST_URL ? this.mnistUrl : path),
      kept: this.kept,
      userFile: this.user,
    };
  }

  /** Loads what `ds` needs that is not here yet (MNIST); the user's file must have been loaded. */
  async prepare(ds: DatasetSetup): Promise<void> {
    await datasetBuilderOf(ds).prepare?.(ds, this.context());
  }

  /**
   * The split data of `ds` (after prepare), to train on; the same object while `ds` does not change
   * (a new file clears it). A split with an empty half throws a DataError that says why.
   */
  get(ds: DatasetSetup): SplitData {
    const split = this.splitOf(ds);
    const problem = emptySplitProblem(split.full, ds.validPct, split);
    if (problem) throw new DataError('empty-split', problem);
    return split;
  }

  /** The split data of `ds`, even with an empty half: to describe a file just loaded, before its share is known. */
  splitOf(ds: DatasetSetup): SplitData {
    const key = JSON.stringify(ds);
    if (this.cache?.key === key) return this.cache.split;
    const { name, full } = datasetBuilderOf(ds).make(ds, this.context());
    const { train, valid } = splitTrainValid(full, ds.validPct, ds.seed + 1);
    const split = { name, full, train, valid };
    this.cache = { key, split };
    return split;
  }

  /**
   * Reads a CSV file as it streams in (label: a column name, default the last one); on success it
   * becomes the user dataset. A cancel (`signal`) or a bad file leaves the previous one.
   */
  async loadCsv(
    name: string,
    file: Blob,
    label?: string,
    task: CsvTask = 'auto',
    reading: { onProgress?: (p: ReadProgress) => void; signal?: AbortSignal } = {},
  ): Promise<Dataset> {
    const table = await readCsvFile(file, name, reading);
    const labelName = label ?? table.columns[table.columns.length - 1];
    const data = toDataset(table, { label: labelName, task });
    const columns = summarizeColumns(table).map(({ name: col, numeric, distinct, suggestedTask }) => ({
      name: col,
      numeric,
      distinct,
      suggestedTask,
    }));
    const info = {
      file: name,
      columns,
      label: labelName,
      task,
      delimiter: table.delimiter,
      header: table.hasHeader,
      renamed: table.renamed,
    };
    this.csv = { table, info };
    this.setUser(name, data);
    return data;
  }

  /** Parses the CSV held here again with another label column / task; on failure nothing changes. */
  relabelCsv(label: string, task: CsvTask): Dataset {
    const csv = this.csv;
    if (!csv) throw new DataError('no-file', 'No CSV file loaded: drop one on the page first');
    const data = toDataset(csv.table, { label, task });
    this.csv = { table: csv.table, info: { ...csv.info, label, task } };
    this.setUser(csv.info.file, data);
    return data;
  }

  /** The CSV's columns and label choice, while the user data is a CSV. */
  csvColumns(): CsvColumns | null {
    return this.csv?.info ?? null;
  }

  private setUser(name: string, data: Dataset): void {
    this.user = { name, data };
    this.cache = null;
  }

  /** Parses MNIST-format IDX files (gzip is decompressed first); on success they become the user dataset. */
  async loadIdx(name: string, images: ArrayBuffer, labels: ArrayBuffer): Promise<Dataset> {
    checkFileSize(images.byteLength + labels.byteLength, name);
    const files = idxFileNames(name);
    const data = parseIdx(
      await gunzipIfNeeded(images, files?.images ?? `${name} (images)`),
      await gunzipIfNeeded(labels, files?.labels ?? `${name} (labels)`),
      files ?? undefined,
    );
    this.csv = null;
    this.setUser(name, data);
    return data;
  }
}

/** The two file names in the page's name for an IDX pair ('images + labels'), when it holds exactly two. */
function idxFileNames(name: string): { images: string; labels: string } | null {
  const parts = name.split(' + ');
  return parts.length === 2 && parts.every((p) => p !== '') ? { images: parts[0], labels: parts[1] } : null;
}

async function gunzipIfNeeded(bytes: ArrayBuffer, what: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return new Uint8Array(bytes);
  return gunzipCapped(bytes, MAX_FILE_BYTES, what);
}

/** Most points sent for the 2-D view. */
const MAX_POINTS = 2000;

/** What the page shows about split data. */
export function describeData(split: SplitData, source: DatasetSetup['kind']): DatasetInfo {
  const { full, train, valid } = split;
  let points: Float32Array | null = null;
  let pointLabels: Float32Array | null = null;
  if (full.nFeatures === 2 && !full.imageShape) {
    const n = Math.min(train.y.length, MAX_POINTS);
    points = train.x.slice(0, 2 * n);
    pointLabels = Float32Array.from(train.y.subarray(0, n));
  }
  return {
    name: split.name,
    source,
    task: full.task,
    nTrain: train.y.length,
    nValid: valid.y.length,
    nFeatures: full.nFeatures,
    nClasses: full.task === 'classification' ? full.nClasses : null,
    classNames: full.task === 'classification' ? (full.classNames ?? null) : null,
    imageShape: full.imageShape ? [...full.imageShape] : null,
    points,
    pointLabels,
  };
}
