// What the progress line says, as pure functions of the run's state: the status text, how much is
// done, samples/s and time left. Rates are measured from the first batch read back, not from
// Train: start-up (shader compiles, data, before_fit) would otherwise inflate the first estimates.
import type { Progress, RunState } from '../messages';

/** When the first batches of the run were read back, and how far the run was then. */
export interface FirstBatches {
  /** Date.now() when the page got them. */
  at: number;
  batches: number;
  fraction: number;
}

/** "1 epoch", "3 epochs". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Epochs done, with the current one counted by its batches (validation counts as the epoch's end). */
export function epochsDone(progress: Progress | null): number {
  if (!progress) return 0;
  const within = progress.training ? Math.max(0, progress.iter + 1) / Math.max(1, progress.nIter) : 1;
  return progress.epoch + Math.min(1, within);
}

export function fractionDone(progress: Progress | null, nEpoch: number, runState: RunState): number {
  if (runState === 'done') return 1;
  return Math.min(1, epochsDone(progress) / Math.max(1, progress?.nEpoch ?? nEpoch));
}

/** Training samples per second since the first batches were read (0 until there is a second reading). */
export function samplesPerSecond(first: FirstBatches | null, nBatches: number, batchSize: number, now: number): number {
  if (!first || now <= first.at || nBatches <= first.batches) return 0;
  return ((nBatches - first.batches) * batchSize * 1000) / (now - first.at);
}

/** The shortest look at the run an estimate of time left is based on. */
const MIN_BASIS_MS = 1500;
const MIN_BASIS_FRACTION = 0.005;

/** Seconds left at the pace since the first batches; NaN while there is too little to go on. */
export function secondsLeft(first: FirstBatches | null, fraction: number, now: number): number {
  if (!first) return Number.NaN;
  const ms = now - first.at;
  const progressed = fraction - first.fraction;
  if (ms < MIN_BASIS_MS || progressed < MIN_BASIS_FRACTION) return Number.NaN;
  return ((ms / progressed) * (1 - fraction)) / 1000;
}

export interface StatusInput {
  runState: RunState;
  detail: string | null;
  progress: Progress | null;
  debugPaused: boolean;
  nEpoch: number;
  /** Epochs the Recorder recorded (an early stop ends a finished run before nEpoch). */
  epochsRun: number;
}

export function statusText({ runState, detail, progress, debugPaused, nEpoch, epochsRun }: StatusInput): string {
  if (runState === 'starting') return 'Starting — waiting for the worker to take the run…';
  if (runState === 'paused') return 'Paused — press Resume';
  if (runState === 'training' && debugPaused) return 'Stopped in the debugger — step or continue there';
  if (runState === 'training') {
    if (!progress) return 'Starting…';
    const epoch = `Epoch ${progress.epoch + 1}/${progress.nEpoch}`;
    // before the first batch of a phase (before_fit, before_epoch) there is no batch count yet
    if (progress.nIter <= 0) return `${epoch} · starting`;
    // iter < 0: the loop is on the GPU but no batch of this epoch has been read back yet
    if (progress.training && progress.iter < 0) return `${epoch} · first batch…`;
    return `${epoch} · ${progress.training ? 'train' : 'valid'} batch ${progress.iter + 1}/${progress.nIter}`;
  }
  if (runState === 'done') {
    if (detail === 'stopped') return `Stopped after ${plural(Math.floor(epochsDone(progress)), 'epoch')}`;
    if (epochsRun < nEpoch) return `Done: ${epochsRun} of ${plural(nEpoch, 'epoch')}`;
    return `Done: ${plural(nEpoch, 'epoch')}`;
  }
  if (detail === 'failed') return 'Failed — see the error above';
  if (detail === 'interrupted') return 'Interrupted — the worker stopped; restart it above';
  return 'Idle — press Train';
}

/** What an empty chart says: why there is nothing yet. */
export function emptyChartText(runState: RunState): string {
  if (runState === 'starting') return 'Starting the run…';
  if (runState === 'training' || runState === 'paused') return 'Waiting for the first batch from the GPU…';
  return 'No data yet — press Train.';
}

/** What the page says when the worker has been silent for `seconds` while it should be talking. */
export function silenceText(seconds: number): string {
  return `No word from the worker for ${seconds} s: it is busy with a long step (a first batch compiles its GPU code, seconds on a CPU-emulated GPU) or it is stuck. Stop takes effect when the step ends.`;
}
