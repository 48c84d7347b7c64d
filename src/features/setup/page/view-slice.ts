// What the worker tells about the setup and draws for it: the dataset, the model summary,
// the backends, the decision boundary, the image batch and the confusion matrix.
import { BatchHistory } from '../../run/page/batch-history';
import type { StateCreator } from 'zustand';
import type { BackendName } from '../../backend/messages';
import type { BoundaryGrid, Confusion, ImageBatch } from '../../pictures/messages';
import type { CsvColumns, DatasetInfo, DatasetSetup, LoadProgress, ModelNames, ModelSummary } from '../messages';
import type { WorkerToPage } from '../../messages';
import { createDataset, dataTraits, findDatasetKind } from '../../../data/kinds/catalog';
import { modelFor } from '../../../models/kinds/catalog';
import type { AppState } from '../../../app/store';
import { withSetup } from './setup-slice';

export interface ViewSlice {
  dataset: DatasetInfo | null;
  /** The name of the user's file the worker holds, once one loaded. */
  userFile: string | null;
  /** Bumped when the user data the worker holds changed shape (a file loaded, a CSV re-labelled): the model is described again. */
  userDataVersion: number;
  /** The user's CSV: its columns and the label it was parsed with (null: no CSV, or IDX files). */
  csv: CsvColumns | null;
  summary: ModelSummary | null;
  /** Why the model cannot be built for this data (e.g. a CNN on a table). */
  summaryProblem: string | null;
  /** PyTorch's names of the last run's layers and weights, by tfjs name (the debugger, ActivationStats). */
  modelNames: ModelNames;
  backends: BackendName[];
  /** What the worker is loading ('MNIST', 'iris.csv'), or null. */
  loading: string | null;
  /** How far the worker got reading the file it loads (bytes, rows), while it says. */
  loadProgress: LoadProgress | null;
  /** A load the user cancelled: the file, until the next load. */
  loadCancelled: string | null;
  /** The last file that could not be used, and why. */
  dataError: { file: string; message: string } | null;
  boundary: BoundaryGrid | null;
  imageBatch: ImageBatch | null;
  confusion: Confusion | null;
  clearPictures: () => void;
  /** Forget the last run's curves and pictures (Reset weights while idle). */
  resetView: () => void;
  dismissDataError: () => void;
  /** A file the page itself refused (too big, one IDX file alone): shown as the worker's refusals are. */
  refuseData: (file: string, message: string) => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  dataset: null,
  userFile: null,
  userDataVersion: 0,
  csv: null,
  summary: null,
  summaryProblem: null,
  modelNames: {},
  backends: [],
  loading: null,
  loadProgress: null,
  loadCancelled: null,
  dataError: null,
  boundary: null,
  imageBatch: null,
  confusion: null,
  clearPictures: () => set({ boundary: null, imageBatch: null, confusion: null }),
  resetView: () =>
    set({
      boundary: null,
      imageBatch: null,
      confusion: null,
      batches: BatchHistory.empty(),
      epochs: [],
      progress: null,
      runState: 'idle',
      runDetail: null,
    }),
  dismissDataError: () => set({ dataError: null }),
  refuseData: (file, message) => set({ dataError: { file, message }, loading: null, loadProgress: null }),
});

export function reduce(s: AppState, msg: WorkerToPage): Partial<AppState> | null {
  switch (msg.type) {
    case 'backends':
      return { backends: msg.available };
    case 'dataset': {
      const changed = s.dataset?.name !== msg.info.name || s.dataset?.nTrain !== msg.info.nTrain;
      const patch: Partial<AppState> = { dataset: msg.info, ...(changed ? { boundary: null, imageBatch: null, confusion: null } : {}) };
      const fileKind = findDatasetKind(msg.info.source);
      if (!fileKind?.fromFile) return patch;
      // A file just loaded: it becomes the data (a model that does not fit it falls back).
      const ds = s.setup.dataset;
      const dataset =
        ds.kind === fileKind.kind ? ds : createDataset<DatasetSetup>(fileKind.choices[0].id, { seed: ds.seed, validPct: ds.validPct });
      const model = modelFor(s.setup.model, dataTraits(dataset, msg.info));
      const reshaped = s.dataset?.source !== msg.info.source || shapeKey(s.dataset) !== shapeKey(msg.info);
      // (the describe that follows a load sends the same data again: it keeps a later file's refusal)
      return {
        ...patch,
        userFile: msg.info.name,
        ...withSetup(s, { ...s.setup, dataset, model }),
        ...(reshaped ? { userDataVersion: s.userDataVersion + 1, dataError: null } : {}),
      };
    }
    case 'csv-columns':
      // a CSV loaded or re-labelled: an older refusal is history
      return { csv: msg.csv, dataError: null };
    case 'model-summary':
      return { summary: msg.summary, summaryProblem: msg.problem ?? null };
    case 'model-names':
      return { modelNames: msg.names };
    case 'data-error':
      return { dataError: { file: msg.file, message: msg.message }, loading: null, loadProgress: null };
    case 'loading':
      if (msg.what === null) return { loading: null, loadProgress: null };
      return { loading: msg.what, loadProgress: msg.progress ?? null, loadCancelled: null };
    case 'load-cancelled':
      return { loadCancelled: msg.file };
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

/** What the model's input and output depend on (a new key: describe the model again). */
function shapeKey(d: DatasetInfo): string {
  return [d.name, d.task, d.nTrain, d.nFeatures, d.nClasses, d.imageShape?.join('x')].join('|');
}
