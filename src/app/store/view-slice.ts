// What the worker tells about the setup and draws for it: the dataset, the model summary,
// the backends, the decision boundary, the image batch and the confusion matrix.
import type { StateCreator } from 'zustand';
import type { BackendName, BoundaryGrid, Confusion, DatasetInfo, ImageBatch, ModelSummary, WorkerToPage } from '../../protocol/messages';
import type { AppState } from './index';

export interface ViewSlice {
  dataset: DatasetInfo | null;
  summary: ModelSummary | null;
  /** Why the model cannot be built for this data (e.g. a CNN on a table). */
  summaryProblem: string | null;
  backends: BackendName[];
  /** What the worker is loading ('MNIST', 'iris.csv'), or null. */
  loading: string | null;
  /** The last file that could not be used, and why. */
  dataError: { file: string; message: string } | null;
  boundary: BoundaryGrid | null;
  imageBatch: ImageBatch | null;
  confusion: Confusion | null;
  clearPictures: () => void;
  dismissDataError: () => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  dataset: null,
  summary: null,
  summaryProblem: null,
  backends: [],
  loading: null,
  dataError: null,
  boundary: null,
  imageBatch: null,
  confusion: null,
  clearPictures: () => set({ boundary: null, imageBatch: null, confusion: null }),
  dismissDataError: () => set({ dataError: null }),
});

export function reduce(s: ViewSlice, msg: WorkerToPage): Partial<ViewSlice> | null {
  switch (msg.type) {
    case 'backends':
      return { backends: msg.available };
    case 'dataset': {
      const changed = s.dataset?.name !== msg.info.name || s.dataset?.nTrain !== msg.info.nTrain;
      return { dataset: msg.info, ...(changed ? { boundary: null, imageBatch: null, confusion: null } : {}) };
    }
    case 'model-summary':
      return { summary: msg.summary, summaryProblem: msg.problem ?? null };
    case 'data-error':
      return { dataError: { file: msg.file, message: msg.message }, loading: null };
    case 'loading':
      return { loading: msg.what, ...(msg.what ? {} : {}) };
    case 'boundary':
      return { boundary: msg.grid };
    case 'image-batch':
      return { imageBatch: msg.batch };
    case 'confusion':
      return { confusion: msg.confusion };
    default:
      return null;
  }
}
