// How much the benchmark runs: `full` (the real-GPU sizes of shared/gpu/README.md), `cpuSized` for
// SwiftShader / WebGL-on-CPU / cpu (the same models, small batches: SwiftShader takes ~0.8 s per MLP batch of 64), `quick` for a smoke check.
import type { SuiteOptions } from './suite';

type Plan = Omit<SuiteOptions, 'log'>;

export function fullPlan(only: string | null = null): Plan {
  return {
    workloads: (
      [
        // ~1 s per run on an H200: 50-step runs (0.2 s) scattered ±5 % from run to run.
        { name: 'mlp', batchSize: 256, steps: 200 },
        { name: 'cnn', batchSize: 128, steps: 80 },
      ] as const
    ).filter((w) => !only || w.name === only),
    rounds: 5,
    readEvery: 16,
  };
}

export function quickPlan(only: string | null = null): Plan {
  return {
    workloads: (
      [
        { name: 'mlp', batchSize: 64, steps: 8 },
        { name: 'cnn', batchSize: 16, steps: 4 },
        { name: 'bn-cnn', batchSize: 16, steps: 4 },
      ] as const
    ).filter((w) => !only || w.name === only),
    rounds: 2,
    readEvery: 16,
  };
}

export function cpuSizedPlan(only: string | null = null): Plan {
  return {
    workloads: (
      [
        { name: 'mlp', batchSize: 32, steps: 8 },
        { name: 'cnn', batchSize: 8, steps: 4 },
        { name: 'bn-cnn', batchSize: 8, steps: 4 },
      ] as const
    ).filter((w) => !only || w.name === only),
    rounds: 3,
    readEvery: 16,
  };
}

export const PLANS = { full: fullPlan, cpuSized: cpuSizedPlan, quick: quickPlan } as const;
export type PlanName = keyof typeof PLANS;
