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
  | { type: 'lr-find'; setup: Setup; params: ParamValues }
  /** Stop the finder after the iteration that is going (never dropped: one before the first iteration stops it too). */
  | { type: 'lr-find-cancel' };

export type LrFinderWorkerToPage =
  /** numIt: the most iterations it runs (it stops earlier when the loss diverges). */
  | { type: 'lr-find-started'; numIt: number }
  /** Points recorded since the previous message (one per iteration; at most one message every 100 ms). */
  | { type: 'lr-find-points'; points: LrPoint[] }
  | { type: 'lr-find-done'; result: LrFindResultData }
  /** Cancelled after `iterations` iterations: no suggestion; the points already sent are all it recorded. */
  | { type: 'lr-find-cancelled'; iterations: number; leakedTensors: number }
  | { type: 'lr-find-failed'; message: string };
