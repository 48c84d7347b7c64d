import type { PlanName } from '../plan';
import type { SuiteResult } from '../suite';
import type { FirstBatch, FirstBatchSide } from '../first-batch';
import type { WorkloadName } from '../workloads';

export interface BenchRequest {
  backend: string;
  plan: PlanName;
  /** Overrides of the plan: more steps and rounds narrow the ratios' noise. */
  steps: number | null;
  rounds: number | null;
  only: string | null;
  /** Measure only this side's first batch of `workload` (a fresh browser per side: nothing compiled yet). */
  firstBatch?: { side: FirstBatchSide; workload: WorkloadName; batchSize: number } | null;
}

export type BenchReply =
  | { type: 'log'; line: string }
  | { type: 'done'; result: SuiteResult & { adapter: string | null }; table: string }
  | { type: 'failed'; message: string }
  | { type: 'first-batch'; result: FirstBatch };
