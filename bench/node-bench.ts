// Node entry of the benchmark: tfjs on the cpu backend, or on WebGPU through Dawn (`webgpu` package).
// Packed with ../shared/gpu/pack.sh for a GPU server: `bash OUT/run.sh --beyond --out=…` (bench/gpu-device.sh).
// --plan=full|cpuSized|quick, --only=mlp|cnn, --steps=, --rounds=, --beyond (naive loop, flat update,
// submit batch sizes from --submit=48,200).
// navigator.gpu must exist BEFORE tfjs-backend-webgpu is imported, so everything else is imported dynamically.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SuiteResult } from './suite';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const backend = args.get('backend') ?? 'webgpu';
const out = args.get('out') ?? 'bench/results-node.json';

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}
interface GpuLike {
  requestAdapter(o?: object): Promise<{ info?: AdapterInfoLike } | null>;
}

async function setUpWebGpu(): Promise<string> {
  const { create, globals } = (await import('webgpu')) as unknown as { create(flags: string[]): GpuLike; globals: object };
  Object.assign(globalThis, globals);
  const dawnBackend = process.env.DAWN_BACKEND;
  const gpu = create(dawnBackend ? [`backend=${dawnBackend}`] : []);
  if (dawnBackend === 'opengles') {
    const ask = gpu.requestAdapter.bind(gpu);
    gpu.requestAdapter = (o = {}) => ask({ ...o, featureLevel: 'compatibility' });
  }
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  const adapter = await gpu.requestAdapter();
  const info: AdapterInfoLike = adapter?.info ?? {};
  return [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' · ') || 'unknown adapter';
}

async function main() {
  const device = backend === 'webgpu' ? await setUpWebGpu() : 'cpu';
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
    (await import('../src/worker/webgpu-tuning')).tuneWebGpu(); // as the app's worker does
  }
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} could not be initialised`);
  await tf.ready();
  const { runSuite, formatTable } = await import('./suite');
  const { PLANS } = await import('./plan');
  const planName = (args.get('plan') ??
    (backend === 'webgpu' && process.env.DAWN_BACKEND === 'opengles' ? 'full' : 'cpuSized')) as keyof typeof PLANS;
  const base = PLANS[planName](args.get('only') ?? null);
  const steps = args.has('steps') ? Number(args.get('steps')) : null;
  const plan = {
    ...base,
    rounds: args.has('rounds') ? Number(args.get('rounds')) : base.rounds,
    workloads: base.workloads.map((w) => ({ ...w, steps: steps ?? w.steps })),
  };
  const beyond = args.has('beyond') ? { submitBatchSizes: (args.get('submit') || '48,200').split(',').map(Number) } : null;
  // One workload at a time, the file rewritten after each: a run cut short still leaves its figures.
  const record: SuiteResult & { date: string; device: string; node: string; plan: string } = {
    date: new Date().toISOString(),
    device,
    node: process.version,
    plan: planName,
    backend: tf.getBackend(),
    comparisons: [],
    syncReadsDuringFit: 0,
    memory: {},
    beyond: {},
  };
  mkdirSync(dirname(out), { recursive: true });
  for (const workload of plan.workloads) {
    const r = await runSuite({ ...plan, workloads: [workload], beyond, log: (l) => console.log(l) });
    record.comparisons.push(...r.comparisons);
    record.syncReadsDuringFit += r.syncReadsDuringFit;
    Object.assign(record.memory, r.memory);
    Object.assign(record.beyond, r.beyond);
    writeFileSync(out, JSON.stringify(record, null, 2));
  }
  console.log(`\n${formatTable(record)}\ndevice: ${device}`);
  console.log(`wrote ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
