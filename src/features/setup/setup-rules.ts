// The default setup and the limits of every number in it: the page refuses a value outside
// them at the input (with the reason), the worker checks again before building anything.
// Plain data and pure functions only (both threads import this).
import type { DatasetSetup, ModelSetup, Setup } from './messages';

export interface NumberRule {
  label: string;
  min: number;
  max: number;
  integer: boolean;
  /** min is excluded (a learning rate of 0 trains nothing). */
  minExclusive?: boolean;
}

/** The setup's own numbers (synthetic data parameters are ruled by src/data/synthetic.ts). */
export const RULES = {
  epochs: { label: 'Epochs', min: 1, max: 10_000, integer: true },
  batchSize: { label: 'Batch size', min: 1, max: 4096, integer: true },
  lr: { label: 'Learning rate', min: 0, max: 10, integer: false, minExclusive: true },
  wd: { label: 'Weight decay', min: 0, max: 1, integer: false },
  momentum: { label: 'Momentum', min: 0, max: 0.999, integer: false },
  layers: { label: 'Hidden layers', min: 0, max: 8, integer: true },
  units: { label: 'Units per layer', min: 1, max: 1024, integer: true },
  filters: { label: 'Filters', min: 1, max: 64, integer: true },
  dense: { label: 'Dense units', min: 1, max: 1024, integer: true },
  seed: { label: 'Seed', min: 0, max: 2 ** 31 - 1, integer: true },
  validPct: { label: 'Validation share', min: 0.05, max: 0.9, integer: false },
  limit: { label: 'Images', min: 100, max: 10_000, integer: true },
} satisfies Record<string, NumberRule>;

export type RuleKey = keyof typeof RULES;

/** Why `value` is refused, or null. */
export function ruleError(rule: NumberRule, value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${rule.label} must be a number`;
  if (rule.integer && !Number.isInteger(value)) return `${rule.label} must be a whole number`;
  if (rule.minExclusive ? value <= rule.min : value < rule.min) {
    return rule.minExclusive ? `${rule.label} must be more than ${rule.min}` : `${rule.label} must be at least ${rule.min}`;
  }
  if (value > rule.max) return `${rule.label} must be at most ${rule.max}`;
  return null;
}

/** Every problem of a setup's own numbers, as "reason" strings (empty: fine). */
export function setupProblems(s: Setup): string[] {
  const checks: [RuleKey, number][] = [
    ['epochs', s.epochs],
    ['batchSize', s.batchSize],
    ['lr', s.lr],
    ['wd', s.wd],
    ['momentum', s.momentum],
    ['seed', s.dataset.seed],
    ['validPct', s.dataset.validPct],
  ];
  if (s.dataset.kind === 'mnist') checks.push(['limit', s.dataset.limit]);
  if (s.model.kind === 'mlp') checks.push(['layers', s.model.layers], ['units', s.model.units]);
  else checks.push(['filters', s.model.filters], ['dense', s.model.dense]);
  return checks.map(([k, v]) => ruleError(RULES[k], v)).filter((e): e is string => e !== null);
}

export const DEFAULT_MLP: ModelSetup = { kind: 'mlp', layers: 2, units: 32, activation: 'relu' };
export const DEFAULT_CNN: ModelSetup = { kind: 'cnn', filters: 8, dense: 64 };

export const DEFAULT_SPIRAL: DatasetSetup = {
  kind: 'synthetic',
  id: 'spiral',
  params: { nPerClass: 200, nClasses: 3, noise: 0.2 },
  seed: 0,
  validPct: 0.2,
};

/** 2,000 of the 10,000 images by default: an epoch takes seconds, not minutes. */
export const DEFAULT_MNIST: DatasetSetup = { kind: 'mnist', limit: 2000, seed: 0, validPct: 0.2 };

/** Spiral, 2 x 32 ReLU, Adam, 4 batches an epoch: 92% valid accuracy after 5 epochs, 98-100% after 10 (cpu, seed 0). */
export const DEFAULT_SETUP: Setup = {
  dataset: DEFAULT_SPIRAL,
  model: DEFAULT_MLP,
  optimizer: 'adam',
  momentum: 0.9,
  lr: 0.05,
  wd: 0,
  batchSize: 128,
  epochs: 10,
};
