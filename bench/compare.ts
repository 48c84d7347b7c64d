// Ratios measured in one run, alternating the two sides after a warm-up that compiles the shaders.
import * as tf from '@tensorflow/tfjs';
import type { LoopOptions, LoopResult } from './loops';
import type { Workload } from './workloads';

export type Loop = (w: Workload, model: tf.LayersModel, o: LoopOptions) => Promise<LoopResult>;

export interface Comparison {
  name: string;
  workload: string;
  a: string;
  b: string;
  /** Samples per second of each side, median over rounds. */
  aSamplesPerSec: number;
  bSamplesPerSec: number;
  /** Median over rounds of (a throughput / b throughput). */
  ratio: number;
  /** Each round's ratio, in order (their spread is the run's noise). */
  ratios: number[];
  target: number;
  /** First batch of each side (shader compile), ms. */
  firstBatchMs: { a: number; b: number };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function compare(
  name: string,
  w: Workload,
  sides: { a: [string, Loop]; b: [string, Loop] },
  o: LoopOptions & { rounds: number; target: number },
): Promise<Comparison> {
  const run = async (loop: Loop, steps: number) => {
    const model = w.makeModel();
    try {
      return await loop(w, model, { ...o, steps });
    } finally {
      model.dispose();
    }
  };
  const [aName, aLoop] = sides.a;
  const [bName, bLoop] = sides.b;
  const firstBatchMs = { a: (await run(aLoop, 1)).ms, b: (await run(bLoop, 1)).ms };
  await run(aLoop, o.steps); // warm-up at full length
  await run(bLoop, o.steps);
  const aRates: number[] = [];
  const bRates: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < o.rounds; r++) {
    // Alternate which side goes first so drift (thermal, other load) hits both alike.
    const order = r % 2 === 0 ? [aLoop, bLoop] : [bLoop, aLoop];
    const results = [];
    for (const loop of order) results.push(await run(loop, o.steps));
    const [ra, rb] = r % 2 === 0 ? results : [results[1], results[0]];
    const rate = (x: LoopResult) => (x.steps * w.batchSize * 1000) / x.ms;
    aRates.push(rate(ra));
    bRates.push(rate(rb));
    ratios.push(rate(ra) / rate(rb));
  }
  return {
    name,
    workload: w.name,
    a: aName,
    b: bName,
    aSamplesPerSec: median(aRates),
    bSamplesPerSec: median(bRates),
    ratio: median(ratios),
    ratios,
    target: o.target,
    firstBatchMs,
  };
}
