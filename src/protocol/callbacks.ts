// Plain-data shapes of the callbacks panel and the LR finder, for the page <-> worker messages.
// They restate what src/callbacks exports (the registry, show_training_loop, lrFind) so the page
// never imports engine code.

export type ParamType = 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'monitor';
export type ParamValue = number | boolean | string;
export type ParamValues = Record<string, ParamValue>;

export interface ParamSpecData {
  name: string;
  type: ParamType;
  default: ParamValue;
  description: string;
  min?: number;
  max?: number;
  /** A learning-rate-like value: shown in scientific notation. */
  log?: boolean;
  options?: readonly string[];
}

/** default: always on; optional: a switch; action: run by a button (the LR finder). */
export type CallbackKind = 'default' | 'optional' | 'action';

/** One row of the callback registry, without its factory. */
export interface CallbackCatalogEntry {
  name: string;
  description: string;
  kind: CallbackKind;
  order: number;
  /** The events it handles, in loop order. */
  events: string[];
  params: ParamSpecData[];
}

/** The user's choice for one optional callback, as the worker accepted it (params complete). */
export interface CallbackChoice {
  enabled: boolean;
  params: ParamValues;
}

/** One line of fastai's show_training_loop: a level opens or closes, or an event with its callbacks in running order. */
export type LoopLineData =
  | { kind: 'start' | 'end'; label: string; depth: number }
  | { kind: 'event'; event: string; phase: 'train' | 'valid' | null; depth: number; callbacks: string[] };

/** A callback change applied to a running fit, at the end of batch (epoch, iter) of the train or valid phase. */
export interface TimelineEntry {
  /** start: the run began with these callbacks on; on / off / params: a change between batches. */
  kind: 'start' | 'on' | 'off' | 'params';
  name: string;
  text: string;
  epoch: number;
  iter: number;
  /** Training batches done when it applied: batch records with a larger trainIter ran with it. */
  trainIter: number;
  training: boolean;
}

export interface LrPoint {
  lr: number;
  loss: number;
}

export interface LrSuggestion {
  lr: number;
  point: LrPoint;
}

export type LrSuggestionName = 'valley' | 'minimum' | 'steep';

export interface LrFindResultData {
  /** Every recorded point (smoothed loss), in order. */
  points: LrPoint[];
  suggestions: Record<LrSuggestionName, LrSuggestion | null>;
  numIt: number;
  /** Tensors left after the finder (should be 0). */
  leakedTensors: number;
}
