// The one in-memory shape every data source produces (synthetic generators, MNIST,
// the user's CSV and IDX files) and the DataLoader and the model builders consume:
// row-major float features plus labels, and enough metadata to pick a loss, size
// the output layer, reshape images and name classes.

export type Task = 'classification' | 'regression';

/** [height, width, channels], e.g. [28, 28, 1] for MNIST. */
export type ImageShape = readonly [number, number, number];

interface DatasetBase {
  /** Row-major features, n * nFeatures (images: n * h * w * c, channels last). */
  x: Float32Array;
  nFeatures: number;
  /** Set for image data; its product is nFeatures. */
  imageShape?: ImageShape;
}

export interface ClassificationDataset extends DatasetBase {
  task: 'classification';
  /** n class ids, 0..nClasses-1. */
  y: Int32Array;
  nClasses: number;
  /** Display names, one per class id (e.g. CSV label strings). */
  classNames?: string[];
}

export interface RegressionDataset extends DatasetBase {
  task: 'regression';
  /** n float targets. */
  y: Float32Array;
  nClasses?: undefined;
  classNames?: undefined;
}

export type Dataset = ClassificationDataset | RegressionDataset;

/** Samples per class id (classification only). */
export function classCounts(ds: ClassificationDataset): number[] {
  const counts = new Array<number>(ds.nClasses).fill(0);
  for (let i = 0; i < ds.y.length; i++) counts[ds.y[i]]++;
  return counts;
}

/** Throws if the arrays and the metadata disagree (a bug in a producer, not bad user input). */
export function assertConsistent(ds: Dataset): void {
  const n = ds.y.length;
  if (ds.x.length !== n * ds.nFeatures) {
    throw new Error(`x has ${ds.x.length} values, expected ${n} samples * ${ds.nFeatures} features`);
  }
  if (ds.imageShape && ds.imageShape.reduce((a, b) => a * b, 1) !== ds.nFeatures) {
    throw new Error(`imageShape [${ds.imageShape.join(', ')}] does not have nFeatures=${ds.nFeatures} values`);
  }
  if (ds.task === 'classification') {
    if (!(ds.y instanceof Int32Array)) throw new Error('classification labels must be an Int32Array');
    for (let i = 0; i < n; i++) {
      if (ds.y[i] < 0 || ds.y[i] >= ds.nClasses) throw new Error(`label ${ds.y[i]} at row ${i} is outside 0..${ds.nClasses - 1}`);
    }
    if (ds.classNames && ds.classNames.length !== ds.nClasses) {
      throw new Error(`${ds.classNames.length} class names for ${ds.nClasses} classes`);
    }
  } else if (!(ds.y instanceof Float32Array)) {
    throw new Error('regression targets must be a Float32Array');
  }
}
