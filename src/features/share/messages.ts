// Messages of the share/export feature: the trained model out of the worker as
// TensorFlow.js files, and back in to continue training. Plain data only.
import type { Setup } from '../setup/messages';

/** The model the worker keeps: the last trained one, or one loaded from files. */
export interface KeptModelInfo {
  source: 'trained' | 'imported';
  /** File name (imported) or a description of the setup (trained). */
  name: string;
  params: number;
  /** An imported model's weights start the next run (cleared once used). */
  continueNext: boolean;
}

/** 'keep': the page stores the files with the saved run (Keep) instead of downloading them. */
export type ExportPurpose = 'download' | 'keep';

export type SharePageToWorker =
  /** Save the kept model as model.json + weights: to download (default) or to keep with a saved run. */
  | { type: 'model-export'; purpose?: ExportPurpose }
  /** TF.js files read by the page; refused with a reason when they do not fit `setup`'s model. */
  | { type: 'model-import'; setup: Setup; name: string; modelJson: string; weights: ArrayBuffer };

export type ShareWorkerToPage =
  | { type: 'model-state'; model: KeptModelInfo | null }
  /** model.json's text (its manifest names `weightsFile`) and the weights, for the page to download. */
  | { type: 'model-exported'; modelJson: string; weightsFile: string; weights: ArrayBuffer; purpose?: ExportPurpose }
  | { type: 'model-refused'; message: string };

/** The name the weights file gets beside model.json. */
export const WEIGHTS_FILE = 'model.weights.bin';
