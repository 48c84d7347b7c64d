// What optional callbacks produced during the run, from the 'metrics' messages: CSVLogger's file
// (offered as a download), ActivationStats' records (drawn by the activations panel) and
// GradientClip's per-epoch stats (shown in its row).
import type { StateCreator } from 'zustand';
import type { ActivationChunk, ActivationRecordData, CsvHistoryData } from '../messages';
import type { GradClipChunk } from '../../../shared/callback-outputs';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';

/** The records of one ActivationStats instance, oldest first, at most `limit` of them. */
export interface ActivationsView extends Omit<ActivationChunk, 'records'> {
  records: ActivationRecordData[];
  /** Records dropped at the front to stay within `limit`. */
  dropped: number;
}

/** The epochs of one GradientClip instance, oldest first. */
export type GradClipView = GradClipChunk;

export interface OutputsState {
  csv: CsvHistoryData | null;
  activations: ActivationsView | null;
  gradClip: GradClipView | null;
}

export interface OutputsSlice {
  outputs: OutputsState;
}

const EMPTY: OutputsState = { csv: null, activations: null, gradClip: null };

export const createOutputsSlice: StateCreator<AppState, [], [], OutputsSlice> = () => ({ outputs: EMPTY });

function addChunk(prev: ActivationsView | null, chunk: ActivationChunk): ActivationsView {
  const { records: incoming, ...meta } = chunk;
  const same = prev !== null && prev.key === chunk.key;
  const all = same ? prev.records.concat(incoming) : incoming;
  const cut = Math.max(0, all.length - chunk.limit);
  return { ...meta, records: cut ? all.slice(cut) : all, dropped: (same ? prev.dropped : 0) + cut };
}

function addClipEpochs(prev: GradClipView | null, chunk: GradClipChunk): GradClipView {
  if (prev === null || prev.key !== chunk.key) return chunk;
  return { ...chunk, epochs: prev.epochs.concat(chunk.epochs) };
}

/** The change one worker message makes (null: not its business). Pure. */
export function reduce(s: Pick<AppState, 'outputs' | 'runState'>, msg: WorkerToPage): Pick<AppState, 'outputs'> | null {
  switch (msg.type) {
    case 'metrics': {
      const o = msg.outputs;
      if (!o) return null;
      return {
        outputs: {
          csv: o.csv ?? s.outputs.csv,
          activations: o.activations ? addChunk(s.outputs.activations, o.activations) : s.outputs.activations,
          gradClip: o.gradClip ? addClipEpochs(s.outputs.gradClip, o.gradClip) : s.outputs.gradClip,
        },
      };
    }
    case 'status':
      // a new run (not a resume from pause) starts without the last run's outputs
      if (msg.state !== 'training' || s.runState === 'paused' || s.outputs === EMPTY) return null;
      return { outputs: EMPTY };
    default:
      return null;
  }
}
