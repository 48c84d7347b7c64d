// The callbacks panel's messages: the registry's catalog, the user's choices, fastai's
// show_training_loop, the run's timeline of changes and what callbacks produced. Plain data only.
// The callback registry's parameter specs are these types.

export type { ParamSpecData, ParamType, ParamValue, ParamValues } from '../../shared/params';
import type { ParamSpecData, ParamValues } from '../../shared/params';

/** default: always on; optional: a switch; action: run by a button (the LR finder); plumbing: the page's own, always on. */
export type CallbackKind = 'default' | 'optional' | 'action' | 'plumbing';

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
  /** start: the run began with these callbacks on; on / off / params: a change between batches; added / updated / removed: a callback the user wrote. */
  kind: 'start' | 'on' | 'off' | 'params' | 'added' | 'updated' | 'removed';
  name: string;
  text: string;
  epoch: number;
  iter: number;
  /** Training batches done when it applied: batch records with a larger trainIter ran with it. */
  trainIter: number;
  training: boolean;
}

export type { ActivationChunk, ActivationRecordData, CallbackOutputs, CsvHistoryData } from '../../shared/callback-outputs';

export type CallbacksPageToWorker =
  /** Switch an optional callback on/off and set its parameters; applies between batches while training. */
  { type: 'callback-set'; name: string; enabled: boolean; params: ParamValues };

export type CallbacksWorkerToPage =
  /** At boot: every callback of the registry. */
  | { type: 'callback-catalog'; callbacks: CallbackCatalogEntry[] }
  /** The accepted choices and fastai's show_training_loop for them; sent whenever the set changes. */
  | { type: 'callback-state'; choices: Record<string, CallbackChoice>; loop: LoopLineData[] }
  /** A choice refused (unknown callback, invalid parameters): the registry's message. */
  | { type: 'callback-refused'; name: string; message: string }
  /** A change applied to the running fit, for the run's timeline. */
  | { type: 'callback-timeline'; entry: TimelineEntry };
