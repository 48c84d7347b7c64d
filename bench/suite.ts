// The benchmark suite shared by the Node entry (GPU servers through Dawn) and the browser page.
import * as tf from '@tensorflow/tfjs';
import { LoopDebugger } from '../src/debugger';
import { Adam, Learner, crossEntropyLoss } from '../src/learner';
import { compare, type Comparison } from './compare';
import { runBeyond, type BeyondOptions, type BeyondResult } from './beyond';
import { countSyncReads, memoryAcrossEpochs, type MemoryCheck } from './checks';
import { countPerStep, type StepCounts } from './dispatches';
import { bareLoop, learnerLoop, modelFitLoop, type LoopOptions } from './loops';
import { disposeWorkload, makeWorkload, type Workload, type WorkloadName } from './workloads';
import { withUserCallback } from './user-callback';

export interface SuiteOptions {
  workloads: { name: WorkloadName; batchSize: number; steps: number }[];
  rounds: number;
  readEvery: number;
  /** The beyond-parity section (naive loop, flat update, submit batch size); off unless asked for. */
  beyond?: BeyondOptions | null;
  log?: (line: string) => void;
}

export interface SuiteResult {
  backend: string;
  comparisons: Comparison[];
  syncReadsDuringFit: number;
  memory: Record<string, MemoryCheck>;
  beyond: Record<string, BeyondResult>;
  /** webgpu: the Learner's kernels and dispatches per step with the flat update (what a GPU adapter runs), by workload. */
  perStep: Record<string, StepCounts>;
}

/** Dispatches per step the webgpu kernels must get the Learner down to (issue targets, real-GPU path). */
const DISPATCH_TARGETS: Partial<Record<string, number>> = { mlp: 24, cnn: 40 };

export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  const log = o.log ?? (() => {});
  const comparisons: Comparison[] = [];
  const memory: Record<string, MemoryCheck> = {};
  const beyond: Record<string, BeyondResult> = {};
  const perStep: Record<string, StepCounts> = {};
  let syncReadsDuringFit = 0;
  for (const spec of o.workloads) {
    const w = makeWorkload(spec.name, spec.batchSize, 8);
    const common = { steps: spec.steps, lr: 1e-3, readEvery: o.readEvery, rounds: o.rounds };
    const withDebugger = (learn: Learner) => void new LoopDebugger(learn, () => {}).attach();
    const plan = [
      { name: 'Learner vs bare loop', a: ['learner', learnerLoop], b: ['bare', bareLoop], target: 0.97 },
      { name: 'Learner vs model.fit', a: ['learner', learnerLoop], b: ['model.fit', modelFitLoop], target: 1.0 },
      {
        name: 'debugger attached vs not',
        a: ['learner+debugger', (ww: Workload, m: tf.LayersModel, oo: LoopOptions) => learnerLoop(ww, m, oo, withDebugger)],
        b: ['learner', learnerLoop],
        target: 0.98,
      },
      {
        name: 'user callback attached vs not',
        a: ['learner+user callback', (ww: Workload, m: tf.LayersModel, oo: LoopOptions) => learnerLoop(ww, m, oo, withUserCallback)],
        b: ['learner', learnerLoop],
        target: 0.98,
      },
    ] as const;
    for (const p of plan) {
      log(`${spec.name}: ${p.name} …`);
      const c = await compare(p.name, w, { a: [...p.a], b: [...p.b] }, { ...common, target: p.target });
      comparisons.push(c);
      log(
        `  ${c.a} ${c.aSamplesPerSec.toFixed(0)}/s, ${c.b} ${c.bSamplesPerSec.toFixed(0)}/s, ratio ${c.ratio.toFixed(3)} (target ≥ ${c.target}; rounds ${c.ratios.map((x) => x.toFixed(2)).join(' ')})`,
      );
    }
    syncReadsDuringFit += await countSyncReads(async () => {
      const model = w.makeModel();
      const learn = new Learner({ train: w.batches.slice(0, 4), valid: w.batches.slice(4, 6) }, model, {
        lossFunc: crossEntropyLoss,
        optFunc: Adam,
      });
      await learn.fit(2);
      learn.opt?.dispose();
      model.dispose();
    });
    memory[spec.name] = await memoryAcrossEpochs(w);
    log(`  sync reads so far: ${syncReadsDuringFit}; numTensors by epoch: ${memory[spec.name].numTensors.join(', ')}`);
    if (tf.getBackend() === 'webgpu') {
      // the flat update, as a GPU adapter runs it (SwiftShader keeps the per-parameter loop)
      const flat = (ww: Workload, m: tf.LayersModel, oo: LoopOptions) =>
        learnerLoop(ww, m, { ...oo, optFunc: (p, h) => Adam(p, h, { flat: true }) });
      const c = (perStep[spec.name] = await countPerStep(w, flat, common));
      const target = DISPATCH_TARGETS[spec.name];
      log(
        `  per step, Learner (flat update): ${c.kernels} kernels, ${c.dispatches} dispatches${target ? ` (target ≤ ${target})` : ''}, ${c.submits} submits`,
      );
    }
    if (o.beyond) beyond[spec.name] = await runBeyond(w, common, o.beyond, log);
    disposeWorkload(w);
  }
  return { backend: tf.getBackend(), comparisons, syncReadsDuringFit, memory, beyond, perStep };
}

export function formatTable(r: SuiteResult): string {
  const rows = r.comparisons.map(
    (c) =>
      `| ${c.workload} | ${c.name} | ${c.aSamplesPerSec.toFixed(0)} | ${c.bSamplesPerSec.toFixed(0)} | ${c.ratio.toFixed(3)} | ≥ ${c.target} | ${c.ratio >= c.target ? 'yes' : 'NO'} | ${c.firstBatchMs.a.toFixed(0)} / ${c.firstBatchMs.b.toFixed(0)} |`,
  );
  return [
    `backend: ${r.backend}`,
    '| model | comparison | a samples/s | b samples/s | a/b | target | met | first batch ms (a / b) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    `synchronous GPU reads during a fit: ${r.syncReadsDuringFit}`,
    ...Object.entries(r.perStep ?? {}).map(
      ([k, c]) => `${k}: per step, Learner (flat update): ${c.kernels} kernels, ${c.dispatches} dispatches, ${c.submits} submits`,
    ),
    ...Object.entries(r.memory).map(
      ([k, m]) => `${k}: numTensors per epoch ${m.numTensors.join(', ')}; bytes ${m.numBytes.join(', ')}; stable: ${m.stable}`,
    ),
    ...Object.entries(r.beyond ?? {}).flatMap(([k, b]) => [
      '',
      `beyond parity, ${k}:`,
      '| loop | kernels / step | dispatches / step | submits / step |',
      '|---|---|---|---|',
      ...Object.entries(b.counts).map(([name, c]) => `| ${name} | ${c.kernels} | ${c.dispatches ?? '–'} | ${c.submits ?? '–'} |`),
      '',
      '| comparison | a samples/s | b samples/s | a/b |',
      '|---|---|---|---|',
      ...b.comparisons.map(
        (c) => `| ${c.name} | ${c.aSamplesPerSec.toFixed(0)} | ${c.bSamplesPerSec.toFixed(0)} | ${c.ratio.toFixed(3)} |`,
      ),
    ]),
  ].join('\n');
}
