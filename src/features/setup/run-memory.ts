// The memory a setup's run will need, from the data's shape and the model kind's plan (no tfjs):
// the page shows it as the numbers change, the worker refuses a run that cannot fit with it.
import { planModel } from '../../models/kinds/catalog';
import { estimateMemory, type MemoryEstimate } from '../../shared/memory';
import type { Setup } from './messages';

/** What the estimate needs to know of the data. */
export interface DataShape {
  nFeatures: number;
  /** Train and valid rows together. */
  nRows: number;
  task: 'classification' | 'regression';
  nClasses: number | null;
  imageShape: readonly [number, number, number] | null;
}

export function runMemory(setup: Setup, data: DataShape): MemoryEstimate {
  const outputs = data.task === 'classification' ? (data.nClasses ?? 1) : 1;
  const layers = planModel(setup.model, { inputs: data.nFeatures, outputs, imageShape: data.imageShape });
  // features and one label per row, as float32 / int32
  const dataBytes = data.nRows * (data.nFeatures + 1) * 4;
  return estimateMemory(layers, {
    batchSize: setup.batchSize,
    inputs: data.nFeatures,
    optimizer: setup.optimizer,
    momentum: setup.momentum,
    dataBytes,
  });
}
