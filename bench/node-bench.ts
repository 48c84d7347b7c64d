// Node entry of the benchmark: tfjs on the cpu backend, or on WebGPU through Dawn (`webgpu` package).
// Packed with ../shared/gpu/pack.sh for a GPU server: `bash OUT/run.sh --beyond --out=…` (bench/gpu-device.sh).
// --plan=full|cpuSized|quick, --only=mlp|cnn, --steps=, --rounds=, --beyond (naive loop, flat update,
// submit batch sizes from --submit=48,200), --cutters (webgpu: the Learner with the dispatch-cutting kernels
// vs tfjs's own, webgpu-tuning.ts useDispatchCutters: speed ratio and dispatches per step; --by-kernel lists
// where the dispatches go; --read=N reads the loss every N steps, the counts' unit; --flat forces the flat update, as on a GPU).
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
    perStep: {},
  };
  if (args.has('cutters')) return runCutters(plan);
  mkdirSync(dirname(out), { recursive: true });
  for (const workload of plan.workloads) {
    const r = await runSuite({ ...plan, workloads: [workload], beyond, log: (l) => console.log(l) });
    record.comparisons.push(...r.comparisons);
    record.syncReadsDuringFit += r.syncReadsDuringFit;
    Object.assign(record.memory, r.memory);
    Object.assign(record.beyond, r.beyond);
    Object.assign(record.perStep, r.perStep);
    writeFileSync(out, JSON.stringify(record, null, 2));
  }
  console.log(`\n${formatTable(record)}\ndevice: ${device}`);
  console.log(`wrote ${out}`);
}

/** The Learner with the dispatch-cutting kernels against the same Learner on tfjs's kernels, one workload at a time. */
async function runCutters(plan: { workloads: { name: string; batchSize: number; steps: number }[]; rounds: number; readEvery: number }) {
  const { useDispatchCutters } = await import('../src/worker/webgpu-tuning');
  const { compare } = await import('./compare');
  const { countPerStep, dispatchesByKernel } = await import('./dispatches');
  const { learnerLoop } = await import('./loops');
  const { Adam } = await import('../src/learner');
  const { makeWorkload, disposeWorkload } = await import('./workloads');
  type Loop = Parameters<typeof countPerStep>[1];
  const withCutters =
    (on: boolean): Loop =>
    async (w, m, o) => {
      useDispatchCutters(on);
      try {
        return await learnerLoop(w, m, args.has('flat') ? { ...o, optFunc: (p, h) => Adam(p, h, { flat: true }) } : o);
      } finally {
        useDispatchCutters(true);
      }
    };
  for (const spec of plan.workloads) {
    const w = makeWorkload(spec.name as Parameters<typeof makeWorkload>[0], spec.batchSize, 8);
    const o = { steps: spec.steps, lr: 1e-3, readEvery: Number(args.get('read') ?? plan.readEvery) };
    const on = await countPerStep(w, withCutters(true), o);
    const off = await countPerStep(w, withCutters(false), o);
    console.log(`${spec.name}: dispatches/step ${off.dispatches} → ${on.dispatches} (kernels ${off.kernels} → ${on.kernels})`);
    if (args.has('by-kernel')) {
      const by = await dispatchesByKernel(w, withCutters(true), o);
      for (const [k, v] of Object.entries(by).sort((p, q) => q[1] - p[1])) console.log(`  ${v.toFixed(2)}  ${k}`);
    }
    if (plan.rounds > 0) {
      const c = await compare(
        'cutters on vs off',
        w,
        { a: ['on', withCutters(true)], b: ['off', withCutters(false)] },
        { ...o, rounds: plan.rounds, target: 0.97 },
      );
      console.log(`${spec.name}: ratio ${c.ratio.toFixed(3)} (rounds ${c.ratios.map((x) => x.toFixed(2)).join(' ')})`);
    }
    disposeWorkload(w);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
