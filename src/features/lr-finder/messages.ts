// The LR finder's messages: fastai's lr_find on a fresh Learner of the page's setup, its points as
// they are recorded and fastai's suggestions at the end. Plain data only.
import type { ParamValues } from '../callbacks/messages';
import type { Setup } from '../setup/messages';

export interface LrPoint {
  lr: number;
  loss: number;
}

export interface LrSuggestion {
  lr: number;
  point: LrPoint;
}

export type LrSuggestionName = 'valley' | 'slide' | 'minimum' | 'steep';

export interface LrFindResultData {
  /** Every recorded point (smoothed loss), in order. */
  points: LrPoint[];
  suggestions: Record<LrSuggestionName, LrSuggestion | null>;
  numIt: number;
  /** Tensors left after the finder (should be 0). */
  leakedTensors: number;
}

export type LrFinderPageToWorker =
  /** Run fastai's lr_find on a fresh Learner of this setup (refused while a run trains). */
  { type: 'lr-find'; setup: Setup; params: ParamValues };

export type LrFinderWorkerToPage =
  | { type: 'lr-find-started' }
  /** Points recorded since the previous message. */
  | { type: 'lr-find-points'; points: LrPoint[] }
  | { type: 'lr-find-done'; result: LrFindResultData }
  | { type: 'lr-find-failed'; message: string };
