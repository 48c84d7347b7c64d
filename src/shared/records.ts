// What a run records, as plain data: the Recorder (src/learner) writes these, the StreamCallback
// sends them, the page draws and saves them (the shapes of docs/learner-api.md).
import type { CallbackOutputs } from './callback-outputs';

export interface BatchRecord {
  epoch: number;
  iter: number;
  trainIter: number;
  loss: number;
  smoothLoss: number;
  lr: number;
}

export interface EpochRecord {
  epoch: number;
  /** null when the epoch had no training batch (e.g. cancelled). */
  trainLoss: number | null;
  validLoss: number | null;
  metrics: Record<string, number>;
  seconds: number;
}

export interface Progress {
  epoch: number;
  nEpoch: number;
  /** In training: the last batch read back (-1 before the epoch's first); in validation: the loop's. */
  iter: number;
  nIter: number;
  training: boolean;
}

/**
 * What the StreamCallback sends while a run trains, coalesced (at most one message per ~16 ms):
 * every record since the previous message, or only the progress when nothing else changed.
 * firstAt: when the oldest record in it was read back (ms since the Unix epoch), for latency figures.
 */
export type StreamMessage =
  | {
      type: 'metrics';
      batches: BatchRecord[];
      epochs: EpochRecord[];
      progress: Progress | null;
      firstAt?: number;
      outputs?: CallbackOutputs;
    }
  | { type: 'progress'; progress: Progress };
