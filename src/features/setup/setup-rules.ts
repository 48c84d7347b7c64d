// The default setup and the limits of its own numbers: the page refuses a value outside them at
// the input (with the reason), the worker checks again before building anything. The data's and
// the model's fields are ruled by their kinds (src/data/kinds, src/models/kinds). Plain data and
// pure functions only (both threads import this).
import { DEFAULT_MODEL, modelProblems } from '../../models/kinds/catalog';
import { createDataset, datasetProblems } from '../../data/kinds/catalog';
import { SEED_FIELD, VALID_PCT_FIELD } from '../../data/kinds/kind';
import { ruleError, type NumberRule } from '../../shared/params';
import type { Setup } from './messages';

export { ruleError, type NumberRule };

/** The setup's own numbers (the seed and the validation share are the dataset kinds' common fields). */
export const RULES = {
  epochs: { label: 'Epochs', min: 1, max: 10_000, integer: true },
  batchSize: { label: 'Batch size', min: 1, max: 4096, integer: true },
  lr: { label: 'Learning rate', min: 0, max: 10, integer: false, minExclusive: true },
  wd: { label: 'Weight decay', min: 0, max: 1, integer: false },
  momentum: { label: 'Momentum', min: 0, max: 0.999, integer: false },
  seed: SEED_FIELD,
  validPct: VALID_PCT_FIELD,
} satisfies Record<string, NumberRule>;

export type RuleKey = keyof typeof RULES;

/** Every problem of a setup's numbers, its data's and its model's fields, as "reason" strings (empty: fine). */
export function setupProblems(s: Setup): string[] {
  const own: [RuleKey, number][] = [
    ['epochs', s.epochs],
    ['batchSize', s.batchSize],
    ['lr', s.lr],
    ['wd', s.wd],
    ['momentum', s.momentum],
  ];
  const problems = own.map(([k, v]) => ruleError(RULES[k], v)).filter((e): e is string => e !== null);
  return [...problems, ...datasetProblems(s.dataset), ...modelProblems(s.model)];
}

const COMMON = { seed: SEED_FIELD.default, validPct: VALID_PCT_FIELD.default };

/** Spiral, 2 x 32 ReLU, Adam, 4 batches an epoch: learns the spiral within a few epochs. */
export const DEFAULT_SETUP: Setup = {
  // spiral with 200 points per arm, 3 arms, noise 0.2; the first model kind (MLP) at its defaults
  dataset: createDataset('spiral', COMMON),
  model: DEFAULT_MODEL,
  optimizer: 'adam',
  momentum: 0.9,
  lr: 0.05,
  wd: 0,
  batchSize: 128,
  epochs: 10,
};
