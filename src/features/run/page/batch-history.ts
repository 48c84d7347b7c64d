// The run's per-batch history in growable typed columns: appending is amortised O(1) whatever the
// length of the run, and the loss chart's points (each bucket's lowest and highest loss, so a spike
// of one batch always shows) and the largest lr are kept up to date as batches arrive, so drawing
// costs the number of points drawn, not the length of the history.
//
// A BatchHistory is an immutable snapshot (the store's state): `append` returns a new snapshot that
// shares the columns when this one is the newest, and copies them when an older snapshot is
// appended to (rare: a test, a branch), so no snapshot ever sees its values change.
import type { BatchRecord } from '../messages';

/** Points drawn per line at most: this many / 2 buckets of a lowest and a highest loss. */
export const MAX_POINTS = 1000;
const BUCKETS = MAX_POINTS / 2;

class Columns {
  length = 0;
  epoch = new Int32Array(64);
  iter = new Int32Array(64);
  trainIter = new Int32Array(64);
  loss = new Float64Array(64);
  smoothLoss = new Float64Array(64);
  lr = new Float64Array(64);
  /** The chart's buckets: each `size` batches long (a power of 2), its lowest and highest loss's index. */
  size = 1;
  lo: number[] = [];
  hi: number[] = [];
  maxLr = Number.NEGATIVE_INFINITY;
  /** Epoch → its last training iteration + 1 (where its valid loss is drawn). */
  lastIter = new Map<number, number>();

  push(b: BatchRecord): void {
    if (this.length === this.loss.length) this.grow(this.length * 2);
    const i = this.length++;
    this.epoch[i] = b.epoch;
    this.iter[i] = b.iter;
    this.trainIter[i] = b.trainIter;
    this.loss[i] = b.loss;
    this.smoothLoss[i] = b.smoothLoss;
    this.lr[i] = b.lr;
    if (Number.isFinite(b.lr) && b.lr > this.maxLr) this.maxLr = b.lr;
    this.lastIter.set(b.epoch, Math.max(this.lastIter.get(b.epoch) ?? 0, b.trainIter + 1));
    this.bucket(i);
  }

  /** Puts batch i in the last bucket, or a new one; halves the buckets (pairs merged) when there are too many. */
  private bucket(i: number): void {
    const k = Math.floor(i / this.size);
    if (k === this.lo.length) {
      this.lo.push(i);
      this.hi.push(i);
    } else {
      if (lower(this.loss, i, this.lo[k])) this.lo[k] = i;
      if (higher(this.loss, i, this.hi[k])) this.hi[k] = i;
    }
    if (this.lo.length > BUCKETS) {
      const [lo, hi] = [this.lo, this.hi];
      this.lo = [];
      this.hi = [];
      for (let j = 0; j < lo.length; j += 2) {
        const [l2, h2] = j + 1 < lo.length ? [lo[j + 1], hi[j + 1]] : [lo[j], hi[j]];
        this.lo.push(lower(this.loss, l2, lo[j]) ? l2 : lo[j]);
        this.hi.push(higher(this.loss, h2, hi[j]) ? h2 : hi[j]);
      }
      this.size *= 2;
    }
  }

  private grow(n: number): void {
    for (const key of ['epoch', 'iter', 'trainIter'] as const) {
      const next = new Int32Array(n);
      next.set(this[key].subarray(0, this.length));
      this[key] = next;
    }
    for (const key of ['loss', 'smoothLoss', 'lr'] as const) {
      const next = new Float64Array(n);
      next.set(this[key].subarray(0, this.length));
      this[key] = next;
    }
  }

  copy(length: number): Columns {
    const c = new Columns();
    for (let i = 0; i < length; i++) c.push(recordAt(this, i));
    return c;
  }
}

/** a finite value is lower than a non-finite one; a non-finite one is higher than any finite one. */
function lower(loss: Float64Array, i: number, than: number): boolean {
  const [v, w] = [loss[i], loss[than]];
  return Number.isFinite(v) && (!Number.isFinite(w) || v < w);
}
function higher(loss: Float64Array, i: number, than: number): boolean {
  const [v, w] = [loss[i], loss[than]];
  if (!Number.isFinite(w)) return false;
  return !Number.isFinite(v) || v > w;
}

function recordAt(c: Columns, i: number): BatchRecord {
  return { epoch: c.epoch[i], iter: c.iter[i], trainIter: c.trainIter[i], loss: c.loss[i], smoothLoss: c.smoothLoss[i], lr: c.lr[i] };
}

export class BatchHistory {
  private constructor(
    private readonly cols: Columns,
    readonly length: number,
  ) {}

  static empty(): BatchHistory {
    return new BatchHistory(new Columns(), 0);
  }

  static of(records: readonly BatchRecord[]): BatchHistory {
    return BatchHistory.empty().append(records);
  }

  /** This history and `records` after it (this snapshot is unchanged). */
  append(records: readonly BatchRecord[]): BatchHistory {
    if (!records.length) return this;
    const cols = this.cols.length === this.length ? this.cols : this.cols.copy(this.length);
    for (const r of records) cols.push(r);
    return new BatchHistory(cols, cols.length);
  }

  at(i: number): BatchRecord | undefined {
    return i >= 0 && i < this.length ? recordAt(this.cols, i) : undefined;
  }

  loss(i: number): number {
    return this.cols.loss[i];
  }

  epochOf(i: number): number {
    return this.cols.epoch[i];
  }

  trainIterOf(i: number): number {
    return this.cols.trainIter[i];
  }

  /** The records from..to (exclusive), as plain objects (a saved run, an export). */
  slice(from = 0, to = this.length): BatchRecord[] {
    const end = Math.min(to, this.length);
    const out: BatchRecord[] = [];
    for (let i = Math.max(0, from); i < end; i++) out.push(recordAt(this.cols, i));
    return out;
  }

  /** The first batch whose loss is not finite, if any. */
  findDiverged(from = 0): BatchRecord | undefined {
    for (let i = from; i < this.length; i++) if (!Number.isFinite(this.cols.loss[i])) return recordAt(this.cols, i);
    return undefined;
  }

  /** The last training iteration + 1 of `epoch` (undefined: no batch of it). */
  lastIterOf(epoch: number): number | undefined {
    if (this.cols.length === this.length) return this.cols.lastIter.get(epoch);
    let last: number | undefined;
    for (let i = 0; i < this.length; i++) if (this.cols.epoch[i] === epoch) last = Math.max(last ?? 0, this.cols.trainIter[i] + 1);
    return last;
  }

  /** The largest finite lr so far (-Infinity when none). */
  get maxLr(): number {
    if (this.cols.length === this.length) return this.cols.maxLr;
    let m = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.length; i++) if (this.cols.lr[i] > m) m = this.cols.lr[i];
    return m;
  }

  /**
   * The indices the loss chart draws: every batch while they fit in `MAX_POINTS`, else each bucket's
   * lowest and highest loss in order, and the last batch always. Kept as batches arrive: O(points).
   */
  drawn(): number[] {
    const n = this.length;
    if (n <= MAX_POINTS) return Array.from({ length: n }, (_, i) => i);
    const c = this.cols.length === n ? this.cols : this.cols.copy(n);
    const out: number[] = [];
    for (let k = 0; k < c.lo.length; k++) {
      const [lo, hi] = [c.lo[k], c.hi[k]];
      out.push(...(lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]));
    }
    if (out.at(-1) !== n - 1) out.push(n - 1);
    return out;
  }

  /** JSON (the test API's snapshot of the store, a saved run): the records. */
  toJSON(): BatchRecord[] {
    return this.slice();
  }
}
