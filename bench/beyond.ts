// Beyond parity: where the Learner's default path stands against what a tfjs user writes, what the
// flat optimizer update and its fused kernel buy, and what tfjs-webgpu's submit batch size does — with the kernels,
// dispatches and submits per step that explain the figures on a dispatch-bound GPU.
import * as tf from '@tensorflow/tfjs';
import { useConv2DFilterGradByMatMul } from '../src/worker/conv2d-filter-grad-webgpu';
import { SUBMIT_BATCH_FLAG as SUBMIT_FLAG } from '../src/worker/webgpu-tuning';
import { compare, type Comparison, type Loop } from './compare';
import { countPerStep, type StepCounts } from './dispatches';
import { bareLoop, compositeFlatAdam, learnerLoop, modelFitLoop, naiveLoop, perParameterAdam, type LoopOptions } from './loops';
import type { Workload } from './workloads';

export interface BeyondOptions {
  /** WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE values to try against tfjs's default (15); webgpu only. */
  submitBatchSizes: number[];
}

export interface BeyondResult {
  counts: Record<string, StepCounts>;
  comparisons: Comparison[];
}

/** tfjs-webgpu's own default, before the playground's tuning (src/worker/webgpu-tuning.ts). */
const TFJS_SUBMIT_DEFAULT = 15;

const learnerPerParameter: Loop = (w, m, o) => learnerLoop(w, m, { ...o, optFunc: perParameterAdam });
const learnerCompositeFlat: Loop = (w, m, o) => learnerLoop(w, m, { ...o, optFunc: compositeFlatAdam });

/** Runs `loop` with tfjs's submit batch size set to `size`, restoring it afterwards. */
function withSubmitBatch(size: number, loop: Loop): Loop {
  return async (w, m, o) => {
    const before = tf.env().get(SUBMIT_FLAG);
    tf.env().set(SUBMIT_FLAG, size);
    try {
      return await loop(w, m, o);
    } finally {
      tf.env().set(SUBMIT_FLAG, before);
    }
  };
}

/** Runs `loop` with tfjs-webgpu's own Conv2DBackpropFilter kernel instead of the playground's. */
const withTfjsFilterGrad =
  (loop: Loop): Loop =>
  async (w, m, o) => {
    useConv2DFilterGradByMatMul(false);
    try {
      return await loop(w, m, o);
    } finally {
      useConv2DFilterGradByMatMul(true);
    }
  };

export async function runBeyond(
  w: Workload,
  common: LoopOptions & { rounds: number },
  o: BeyondOptions,
  log: (line: string) => void,
): Promise<BeyondResult> {
  const counts: Record<string, StepCounts> = {};
  const loops: [string, Loop][] = [
    ['bare', bareLoop],
    ['learner', learnerLoop],
    ['learner, flat Adam in composite ops', learnerCompositeFlat],
    ['learner, per-parameter Adam', learnerPerParameter],
    ['naive tfjs (tf.train.adam, loss read every step)', naiveLoop],
    ['model.fit', modelFitLoop],
  ];
  for (const [name, loop] of loops) {
    counts[name] = await countPerStep(w, loop, common);
    const c = counts[name];
    log(`  per step, ${name}: ${c.kernels} kernels${c.dispatches === null ? '' : `, ${c.dispatches} dispatches, ${c.submits} submits`}`);
  }
  const plan: { name: string; a: [string, Loop]; b: [string, Loop] }[] = [
    { name: 'Learner vs naive tfjs loop', a: ['learner', learnerLoop], b: ['naive tfjs', naiveLoop] },
    { name: 'Learner Adam vs per-parameter Adam', a: ['learner', learnerLoop], b: ['learner, per-parameter Adam', learnerPerParameter] },
  ];
  if (tf.getBackend() === 'webgpu') {
    plan.push({
      name: 'fused vs composite flat Adam',
      a: ['learner', learnerLoop],
      b: ['learner, composite flat Adam', learnerCompositeFlat],
    });
    if (w.name === 'cnn') {
      plan.push({
        name: 'conv filter grad: matmul vs tfjs kernel',
        a: ['learner', learnerLoop],
        b: ['learner, tfjs filter grad', withTfjsFilterGrad(learnerLoop)],
      });
    }
    for (const size of o.submitBatchSizes.filter((s) => s !== TFJS_SUBMIT_DEFAULT)) {
      plan.push({
        name: `submit batch ${size} vs ${TFJS_SUBMIT_DEFAULT} (tfjs default)`,
        a: [`learner, submit ${size}`, withSubmitBatch(size, learnerLoop)],
        b: [`learner, submit ${TFJS_SUBMIT_DEFAULT}`, withSubmitBatch(TFJS_SUBMIT_DEFAULT, learnerLoop)],
      });
    }
  }
  const comparisons: Comparison[] = [];
  for (const p of plan) {
    log(`${w.name}: ${p.name} …`);
    const c = await compare(p.name, w, { a: p.a, b: p.b }, { ...common, target: 1 });
    comparisons.push(c);
    log(`  ${c.a} ${c.aSamplesPerSec.toFixed(0)}/s, ${c.b} ${c.bSamplesPerSec.toFixed(0)}/s, ratio ${c.ratio.toFixed(3)}`);
  }
  return { counts, comparisons };
}
