// The benchmark page: runs the suite in a worker (where the app trains) on the backend named in
// the URL (?backend=webgpu|webgl|cpu&plan=full|cpuSized|quick) and exposes the result as window.__benchResult.
import type { BenchReply, BenchRequest } from './protocol';
import type { WorkloadName } from '../workloads';

declare global {
  interface Window {
    __benchResult?: BenchReply;
  }
}

const params = new URLSearchParams(location.search);
const request: BenchRequest = {
  backend: params.get('backend') ?? 'webgpu',
  plan: (params.get('plan') as BenchRequest['plan'] | null) ?? 'cpuSized',
  only: params.get('only'),
  steps: params.has('steps') ? Number(params.get('steps')) : null,
  rounds: params.has('rounds') ? Number(params.get('rounds')) : null,
  firstBatch: params.has('firstBatch')
    ? {
        side: params.get('firstBatch') as 'learner' | 'bare',
        workload: (params.get('workload') ?? 'mlp') as WorkloadName,
        batchSize: Number(params.get('batchSize') ?? 32),
      }
    : null,
};
const log = document.getElementById('log')!;
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<BenchReply>) => {
  const reply = e.data;
  if (reply.type === 'log') {
    log.textContent += `\n${reply.line}`;
    return;
  }
  if (reply.type === 'first-batch') log.textContent += `\n${reply.result.side}: ${reply.result.ms} ms`;
  else log.textContent += `\n${reply.type === 'done' ? reply.table : `FAILED: ${reply.message}`}`;
  window.__benchResult = reply;
};
worker.onerror = (e) => {
  window.__benchResult = { type: 'failed', message: e.message || 'the benchmark worker crashed' };
};
worker.postMessage(request);
