// The dataset registry: every dataset kind, in the picker's order. Plain data: the page imports it
// to draw the form and read a link before the worker boots. A new kind is one line here plus one
// in ./builders.ts.
import { fieldProblem, type FieldSpec } from '../../shared/params';
import type { Task } from '../dataset';
import {
  SEED_FIELD,
  VALID_PCT_FIELD,
  type AnyDatasetKind,
  type DataChoice,
  type DatasetCommon,
  type DatasetKindSpec,
  type DataTraits,
} from './kind';
import { MNIST_KIND } from './mnist';
import { SYNTHETIC_KIND } from './synthetic';
import { USER_KIND } from './user';

export const DATASET_KINDS = [SYNTHETIC_KIND, MNIST_KIND, USER_KIND] as const;

export type DatasetKindId = (typeof DATASET_KINDS)[number]['kind'];

type SetupOfKind<T> = T extends DatasetKindSpec<infer S> ? S : never;

/** Which data a run trains on: one shape per kind, e.g. `{ kind: 'mnist', limit, seed, validPct }`. */
export type DatasetSetup = { [I in keyof typeof DATASET_KINDS]: SetupOfKind<(typeof DATASET_KINDS)[I]> }[number];

export type DatasetRegistry = readonly AnyDatasetKind[];

/** Fields every kind has, after its own. */
export const COMMON_DATA_FIELDS: readonly FieldSpec[] = [VALID_PCT_FIELD, SEED_FIELD];

export function findDatasetKind(kind: string, kinds: DatasetRegistry = DATASET_KINDS): AnyDatasetKind | undefined {
  return kinds.find((k) => k.kind === kind);
}

/** The kind of a dataset setup; throws for a kind the registry does not know. */
export function datasetKindOf(ds: { kind: string }, kinds: DatasetRegistry = DATASET_KINDS): AnyDatasetKind {
  const spec = findDatasetKind(ds.kind, kinds);
  if (!spec) throw new RangeError(`unknown dataset kind '${ds.kind}'`);
  return spec;
}

/** The kind whose picker holds `choice` ('spiral' is synthetic). */
export function kindOfChoice(choice: string, kinds: DatasetRegistry = DATASET_KINDS): AnyDatasetKind | undefined {
  return kinds.find((k) => k.choices.some((c) => c.id === choice));
}

export function allChoices(kinds: DatasetRegistry = DATASET_KINDS): (DataChoice & { kind: AnyDatasetKind })[] {
  return kinds.flatMap((kind) => kind.choices.map((c) => ({ ...c, kind })));
}

/** The picker entry of a setup ('spiral', 'mnist', 'user'). */
export function choiceOf<D extends { kind: string }>(ds: D, kinds: DatasetRegistry = DATASET_KINDS): string {
  return datasetKindOf(ds, kinds).choiceOf(ds as never);
}

/** The setup of a picker entry at its defaults, keeping the seed and the validation share. */
export function createDataset<D extends { kind: string }>(
  choice: string,
  common: DatasetCommon,
  kinds: DatasetRegistry = DATASET_KINDS,
): D {
  const kind = kindOfChoice(choice, kinds);
  if (!kind) throw new RangeError(`unknown dataset '${choice}'`);
  return kind.create(choice, common) as unknown as D;
}

/** What the data is: known from the kind, else from the worker's description of it (the user's file). */
export function dataTraits(
  ds: { kind: string },
  info: { source: string; imageShape: unknown; task: Task } | null,
  kinds: DatasetRegistry = DATASET_KINDS,
): DataTraits {
  const known = datasetKindOf(ds, kinds).traits(ds as never);
  const described = info && info.source === ds.kind ? info : null;
  return {
    images: known.images ?? (described ? !!described.imageShape : null),
    classes: known.classes ?? (described ? described.task === 'classification' : null),
  };
}

/** 'spiral', 'mnist': the data part of a run's name. */
export function datasetSummary(ds: { kind: string }, kinds: DatasetRegistry = DATASET_KINDS): string {
  return datasetKindOf(ds, kinds).summary(ds as never);
}

/** Every refused field of the dataset (its own, the seed, the validation share), as reasons. */
export function datasetProblems(ds: { kind: string } & DatasetCommon, kinds: DatasetRegistry = DATASET_KINDS): string[] {
  const kind = findDatasetKind(ds.kind, kinds);
  if (!kind) return [`unknown dataset kind '${ds.kind}'`];
  const own = kind.values(ds as never);
  const problems = kind.fields(kind.choiceOf(ds as never)).map((f) => fieldProblem(f, own[f.key]));
  problems.push(fieldProblem(SEED_FIELD, ds.seed), fieldProblem(VALID_PCT_FIELD, ds.validPct));
  return problems.filter((e): e is string => e !== null);
}
