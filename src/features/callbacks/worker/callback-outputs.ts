// What CSVLogger, ActivationStats and GradientClip produce, for the page: the CSV text after each
// epoch, the activation records and the clip's per-epoch stats as they are read back, taken by the
// StreamCallback at each of its flushes and sent in the same 'metrics' message (no message of their
// own). Activation records are handed out at most every `intervalMs` (a few times a second), the
// CSV only when it changed.
import { ActivationStats, type ActivationRecord } from '../../../callbacks/activation-stats';
import { CSVLogger } from '../../../callbacks/csv-logger';
import { GradientClip } from '../../../callbacks/gradient-clip';
import type { Callback } from '../../../learner';
import type { ActivationChunk, ActivationRecordData, CallbackOutputs } from '../messages';
import { GradClipRelay } from './grad-clip-outputs';

export interface OutputsOptions {
  /** Least time between two chunks of activation records (ms). */
  intervalMs?: number;
  now?: () => number;
}

/** One record as plain data (Float32Array histograms become arrays). */
export function recordData(r: ActivationRecord): ActivationRecordData {
  return {
    trainIter: r.trainIter,
    mean: r.layers.map((l) => l.mean),
    std: r.layers.map((l) => l.std),
    nearZero: r.layers.map((l) => l.nearZero),
    hist: r.layers.map((l) => Array.from(l.hist)),
  };
}

export class CallbackOutputsRelay {
  private readonly intervalMs: number;
  private readonly now: () => number;
  private csv: CSVLogger | null = null;
  private csvSent = '';
  private stats: ActivationStats | null = null;
  private unsubscribe: (() => void) | null = null;
  private key = '';
  private nKeys = 0;
  private pending: ActivationRecordData[] = [];
  /** The key of the last chunk sent: a chunk with a new key tells the page to start afresh. */
  private sentKey = '';
  private lastChunk = -Infinity;
  private readonly clip = new GradClipRelay();

  constructor(opts: OutputsOptions = {}) {
    this.intervalMs = opts.intervalMs ?? 250;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Follows a callback the feature just added to a Learner (others are ignored). */
  watch(cb: Callback): void {
    if (cb instanceof CSVLogger) {
      this.csv = cb;
      this.csvSent = '';
    } else if (cb instanceof ActivationStats) {
      this.unsubscribe?.();
      this.stats = cb;
      this.key = `act-${++this.nKeys}`;
      this.pending = cb.records.map(recordData);
      this.unsubscribe = cb.subscribe((records) => {
        if (this.stats === cb) this.pending.push(...records.map(recordData));
      });
    } else if (cb instanceof GradientClip) {
      this.clip.watch(cb);
    }
  }

  /** A new fit: forget the previous one's callbacks (what was not taken yet is dropped). */
  reset(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.csv = null;
    this.stats = null;
    this.pending = [];
    this.csvSent = '';
    this.clip.reset();
  }

  /** What is new since the last call; activation records only every `intervalMs` unless `final`. */
  take(final: boolean): CallbackOutputs | null {
    const out: CallbackOutputs = {};
    const text = this.csv?.text ?? '';
    if (this.csv && text !== this.csvSent) {
      this.csvSent = text;
      const rows = text.split('\n').filter((l) => l && !l.startsWith('epoch,')).length;
      if (rows > 0) out.csv = { fname: this.csv.fname, text, rows }; // not the header alone
    }
    const stats = this.stats;
    const due = final || this.now() - this.lastChunk >= this.intervalMs;
    if (stats && due && (this.pending.length || this.sentKey !== this.key) && stats.layerNames.length) {
      this.lastChunk = this.now();
      this.sentKey = this.key;
      const records = this.pending;
      this.pending = [];
      const chunk: ActivationChunk = {
        key: this.key,
        layers: [...stats.layerNames],
        bins: stats.spec.bins,
        histMax: stats.spec.hi,
        limit: stats.maxRecords,
        records,
      };
      out.activations = chunk;
    }
    const gradClip = this.clip.take();
    if (gradClip) out.gradClip = gradClip;
    return out.csv || out.activations || out.gradClip ? out : null;
  }
}
