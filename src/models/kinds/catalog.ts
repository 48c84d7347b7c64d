// The model registry: every model kind, in the picker's order (the first is the fallback when
// a model does not fit the data). Plain data: the page imports it to draw the form and read a
// link before the worker boots. A new kind is one line here plus one in ./builders.ts.
import { fieldProblem, type FieldValue } from '../../shared/params';
import { CNN_KIND } from './cnn';
import type { AnyModelKind, AnyModelSetup, DataTraits, LayerPlan, ModelIO, ModelKindSpec, SetupFrom } from './kind';
import { LAYERS_KIND } from './layers';
import { MLP_KIND } from './mlp';

export const MODEL_KINDS = [MLP_KIND, CNN_KIND, LAYERS_KIND] as const;

export type ModelKindId = (typeof MODEL_KINDS)[number]['kind'];

type SetupOfKind<T> = T extends ModelKindSpec<infer K, infer P> ? SetupFrom<K, P> : never;

/** The model part of a setup: one flat shape per kind, e.g. `{ kind: 'mlp', layers, units, activation }`. */
export type ModelSetup = { [I in keyof typeof MODEL_KINDS]: SetupOfKind<(typeof MODEL_KINDS)[I]> }[number];

export type ModelRegistry = readonly AnyModelKind[];

/** A model setup of any kind (its fields besides `kind` are the kind's business). */
export type Kinded = { readonly kind: string; readonly [field: string]: unknown };

export function findModelKind(kind: string, kinds: ModelRegistry = MODEL_KINDS): AnyModelKind | undefined {
  return kinds.find((k) => k.kind === kind);
}

/** The kind of a model setup; throws for a kind the registry does not know (a bug, or a stale record). */
export function modelKindOf(m: Kinded, kinds: ModelRegistry = MODEL_KINDS): AnyModelKind {
  const spec = findModelKind(m.kind, kinds);
  if (!spec) throw new RangeError(`unknown model kind '${m.kind}'`);
  return spec;
}

/** The setup of `spec` with every parameter at its default. */
export function defaultModel(spec: AnyModelKind): AnyModelSetup {
  return { kind: spec.kind, ...Object.fromEntries(spec.params.map((f) => [f.key, f.default])) };
}

/** The model's values by field key. */
export const modelValues = (m: object): Record<string, FieldValue> => m as Record<string, FieldValue>;

/** Why the kind does not fit the data ("CNN needs image data"), or null; unknown traits fit. */
export function needsProblem(spec: AnyModelKind, data: DataTraits): string | null {
  if (spec.needs.images && data.images === false) return `${spec.name} needs image data`;
  if (spec.needs.classes && data.classes === false) return `${spec.name} needs class labels`;
  return null;
}

/** The model kept when the data changes: itself when it fits, else the first kind that fits, at its defaults. */
export function modelFor<M extends Kinded>(model: M, data: DataTraits, kinds: ModelRegistry = MODEL_KINDS): M {
  if (!needsProblem(modelKindOf(model, kinds), data)) return model;
  const fallback = kinds.find((k) => !needsProblem(k, data)) ?? kinds[0];
  return defaultModel(fallback) as unknown as M;
}

/** 'MLP 2 x 32 relu': a run's name and a kept model's description. */
export function modelSummary(m: Kinded, kinds: ModelRegistry = MODEL_KINDS): string {
  return modelKindOf(m, kinds).summary(modelValues(m) as AnyModelSetup);
}

/** Every refused parameter of the model, as reasons (empty: fine). */
export function modelProblems(m: Kinded, kinds: ModelRegistry = MODEL_KINDS): string[] {
  const spec = findModelKind(m.kind, kinds);
  if (!spec) return [`unknown model kind '${m.kind}'`];
  const values = modelValues(m);
  return spec.params.map((f) => fieldProblem(f, values[f.key])).filter((e): e is string => e !== null);
}

export const DEFAULT_MODEL = defaultModel(MODEL_KINDS[0]) as ModelSetup;

/** The layers `m` builds for data of these sizes (no tfjs): shapes and parameter counts. */
export function planModel(m: Kinded, io: ModelIO, kinds: ModelRegistry = MODEL_KINDS): LayerPlan[] {
  return modelKindOf(m, kinds).plan(modelValues(m) as AnyModelSetup, io);
}

/** Why `m` cannot be built for data of these sizes (a layer list that does not fit it), or null. */
export function modelIoProblem(m: Kinded, io: ModelIO, kinds: ModelRegistry = MODEL_KINDS): string | null {
  return modelKindOf(m, kinds).ioProblem?.(modelValues(m) as AnyModelSetup, io) ?? null;
}
