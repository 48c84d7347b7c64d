// Runs the benchmark suite inside a worker, on the requested backend, exactly where the app trains.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { tuneWebGpu } from '../../src/worker/webgpu-tuning';
import { formatTable, runSuite } from '../suite';
import { PLANS } from '../plan';
import { firstBatch } from '../first-batch';
import { disposeWorkload, makeWorkload } from '../workloads';
import type { BenchReply, BenchRequest } from './protocol';

tuneWebGpu(); // as the app's worker does

// Typed by hand: this folder is checked with the DOM lib (the page and the worker share it).
const scope = self as unknown as { postMessage(r: BenchReply): void; onmessage: ((e: MessageEvent<BenchRequest>) => void) | null };
const reply = (r: BenchReply) => scope.postMessage(r);

async function adapterName(): Promise<string | null> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }).gpu;
  const info = (await gpu?.requestAdapter())?.info;
  return info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' · ') : null;
}

scope.onmessage = async (e: MessageEvent<BenchRequest>) => {
  const req = e.data;
  try {
    if (!(await tf.setBackend(req.backend))) throw new Error(`backend ${req.backend} is not available here`);
    await tf.ready();
    if (req.firstBatch) {
      const { side, workload, batchSize } = req.firstBatch;
      const w = makeWorkload(workload, batchSize, 1);
      const result = await firstBatch(w, side);
      disposeWorkload(w);
      reply({ type: 'first-batch', result });
      return;
    }
    const base = PLANS[req.plan](req.only);
    const plan = {
      ...base,
      rounds: req.rounds ?? base.rounds,
      workloads: base.workloads.map((w) => ({ ...w, steps: req.steps ?? w.steps })),
    };
    const result = await runSuite({ ...plan, log: (line) => reply({ type: 'log', line }) });
    reply({
      type: 'done',
      result: { ...result, adapter: req.backend === 'webgpu' ? await adapterName() : null },
      table: formatTable(result),
    });
  } catch (err) {
    reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
};
