// Measures the page while it trains, for `npm run bench` (off, and free, unless the bench turns it on):
// worker messages, how long the loss chart takes to render, and the latency from a loss being
// read back in the worker to the chart that shows it.
import type { WorkerToPage } from '../features/messages';

export interface PerfReport {
  /** Arrival times (ms, page clock) of every worker message. */
  messageTimes: number[];
  /** Render + commit time of each loss-chart render, ms, with the history length it drew and when it committed (page clock). */
  chartRenders: { ms: number; batches: number; at: number }[];
  /** Read back in the worker -> drawn by the loss chart, ms, one per metrics message. */
  latencies: number[];
  /** The layer-list editor: from an edit's input event to its commit, ms, with the list's length. */
  editorCommits?: { ms: number; layers: number }[];
  /** Each write of the saved run to IndexedDB: what triggered it and about how many bytes it wrote (its JSON's length). */
  idbWrites?: { kind: string; bytes: number }[];
}

let report: PerfReport | null = null;
let pending: number[] = [];

const absNow = () => performance.timeOrigin + performance.now();

export function enablePerfProbe(): void {
  report = { messageTimes: [], chartRenders: [], latencies: [] };
  pending = [];
}

export function perfReport(): PerfReport | null {
  return report;
}

export function probeMessage(msg: WorkerToPage): void {
  if (!report) return;
  report.messageTimes.push(performance.now());
  if (msg.type === 'metrics' && msg.batches.length && msg.firstAt) pending.push(msg.firstAt);
}

/** Called by the loss chart after each commit. */
export function probeChartCommitted(ms: number, batches: number): void {
  if (!report) return;
  report.chartRenders.push({ ms, batches, at: performance.now() });
  const now = absNow();
  for (const t of pending) report.latencies.push(now - t);
  pending = [];
}

let editStartedAt: number | null = null;

/** Called by the layer-list editor with an edit's input event (its time stamp is the page clock's). */
export function probeEditorEdit(eventTimeStamp: number): void {
  if (report) editStartedAt = eventTimeStamp;
}

/** Called by the layer-list editor after each commit: the time from the last edit's event to it. */
export function probeEditorCommitted(layers: number): void {
  if (!report || editStartedAt === null) return;
  (report.editorCommits ??= []).push({ ms: performance.now() - editStartedAt, layers });
  editStartedAt = null;
}

/** Called by the saved runs' writer: `record` is what it puts (measured only while the probe is on). */
export function probeIdbWrite(kind: string, record: () => unknown): void {
  if (!report) return;
  (report.idbWrites ??= []).push({
    kind,
    bytes: JSON.stringify(record(), (_k, v) => (v instanceof ArrayBuffer ? v.byteLength : v)).length,
  });
}
