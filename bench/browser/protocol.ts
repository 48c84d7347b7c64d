import type { PlanName } from '../plan';
import type { SuiteResult } from '../suite';

export interface BenchRequest {
  backend: string;
  plan: PlanName;
  /** Overrides of the plan: more steps and rounds narrow the ratios' noise. */
  steps: number | null;
  rounds: number | null;
  only: string | null;
}

export type BenchReply =
  | { type: 'log'; line: string }
  | { type: 'done'; result: SuiteResult & { adapter: string | null }; table: string }
  | { type: 'failed'; message: string };
