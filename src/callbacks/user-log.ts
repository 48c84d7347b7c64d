// Where user callbacks' `this.log(name, value)` values go: kept in the order they were logged,
// scalar tensors stacked and read back with one `await data()` per group (at most one read in
// flight, as the Recorder), and handed out as series at each flush of the stream. Runs just before
// the StreamCallback (order 60), so an epoch's values leave with that epoch's message.
import * as tf from '@tensorflow/tfjs';
import { Callback } from '../learner';
import type { LogSink } from './user-callback';
import type { UserLogChunk } from '../shared/callback-outputs';

interface Entry {
  name: string;
  x: number;
  y: number | tf.Tensor;
}

/** Fits logged in this thread: each fit's series get a key of their own. */
let fits = 0;

export class UserLog extends Callback implements LogSink {
  override order = 59;
  readEvery = 16;
  readEveryMs = 100;
  private pending: Entry[] = [];
  private ready: Entry[] = [];
  private inflight: Promise<void> = Promise.resolve();
  private reading = false;
  private lastRead = 0;
  private key = '';
  private sentKey = '';

  constructor(private readonly now: () => number = () => performance.now()) {
    super();
  }

  number(name: string, x: number, y: number): void {
    this.pending.push({ name, x, y });
  }

  tensor(name: string, x: number, y: tf.Tensor): void {
    this.pending.push({ name, x, y });
  }

  before_fit(): void {
    this.dispose();
    this.key = `log-${++fits}`;
  }

  after_batch(): void {
    const n = this.pending.length;
    const due = n > 0 && (n >= this.readEvery || this.now() - this.lastRead >= this.readEveryMs);
    if (due && !this.reading) this.read();
  }

  async after_epoch(): Promise<void> {
    await this.flush();
  }

  async after_fit(): Promise<void> {
    await this.flush();
  }

  /** Resolves once every value logged so far has been read back. */
  async flush(): Promise<void> {
    await this.inflight;
    if (this.pending.length) this.read();
    await this.inflight;
  }

  /** The values read back since the last call, as series (null: nothing new). */
  take(): UserLogChunk | null {
    // what is pending goes now (numbers) or at the next take (tensors, once read)
    if (!this.reading && this.pending.length) this.read();
    if (!this.ready.length && this.sentKey === this.key) return null;
    const series: UserLogChunk['series'] = {};
    for (const e of this.ready) {
      const s = (series[e.name] ??= { x: [], y: [] });
      s.x.push(e.x);
      s.y.push(e.y as number);
    }
    this.ready = [];
    if (!Object.keys(series).length && this.sentKey === this.key) return null;
    this.sentKey = this.key;
    return { key: this.key, series };
  }

  private read(): void {
    const entries = this.pending;
    this.pending = [];
    this.lastRead = this.now();
    const tensors = entries.flatMap((e) => (typeof e.y === 'number' ? [] : [e.y]));
    if (!tensors.length) {
      this.ready.push(...entries);
      return;
    }
    this.reading = true;
    const stacked = tf.tidy(() => tf.stack(tensors.map((t) => t.reshape([]))));
    tf.dispose(tensors);
    this.inflight = stacked
      .data()
      .then((values) => {
        let i = 0;
        for (const e of entries) this.ready.push(typeof e.y === 'number' ? e : { ...e, y: values[i++] });
      })
      .finally(() => {
        stacked.dispose();
        this.reading = false;
      });
  }

  override dispose(): void {
    for (const e of this.pending) if (typeof e.y !== 'number') e.y.dispose();
    this.pending = [];
    this.ready = [];
  }
}
