// The model and data forms as plain data, computed from the registries: which kinds the pickers
// offer (and which the data rules out), and the fields of the chosen one with their values. The
// sections render this as is, so a new kind needs no change here.
import { COMMON_DATA_FIELDS, DATASET_KINDS, datasetKindOf, findDatasetKind, type DatasetRegistry } from '../../../data/kinds/catalog';
import {
  MODEL_KINDS,
  defaultModel,
  modelKindOf,
  modelValues,
  needsProblem,
  type Kinded,
  type ModelRegistry,
} from '../../../models/kinds/catalog';
import type { DataTraits } from '../../../models/kinds/kind';
import type { FieldSpec, FieldValue } from '../../../shared/params';
import type { Setup } from '../messages';

export interface FormOption {
  value: string;
  label: string;
  disabled: boolean;
}

export interface FormField {
  /** Unique in the page: the store key of its refusal and the input's test id. */
  id: string;
  spec: FieldSpec;
  value: FieldValue;
}

export interface ModelForm {
  value: string;
  options: FormOption[];
  description: string;
  fields: FormField[];
}

export interface DataForm {
  value: string;
  groups: { label: string; options: FormOption[] }[];
  description: string | null;
  fields: FormField[];
}

/** What a kind needs, said in a picker: 'images only'. */
function needsHint(n: { images?: boolean; classes?: boolean }): string {
  return [n.images && 'images', n.classes && 'classes'].filter(Boolean).join(' and ') + ' only';
}

/** The model picker and fields. A kind is offered only when the data is known to fit it. */
export function modelForm(model: Kinded, data: DataTraits, kinds: ModelRegistry = MODEL_KINDS): ModelForm {
  const known = { images: data.images ?? false, classes: data.classes ?? false };
  const spec = modelKindOf(model, kinds);
  const values = modelValues(model);
  return {
    value: model.kind,
    options: kinds.map((k) => {
      const ruledOut = needsProblem(k, known) !== null;
      return { value: k.kind, label: ruledOut ? `${k.label} — ${needsHint(k.needs)}` : k.label, disabled: ruledOut };
    }),
    description: spec.description,
    fields: spec.params.map((f) => ({ id: `model-${f.key}`, spec: f, value: values[f.key] })),
  };
}

/** The setup of another model kind, at its defaults. */
export function pickModel<M>(kind: string, kinds: ModelRegistry = MODEL_KINDS): M {
  return defaultModel(modelKindOf({ kind }, kinds)) as unknown as M;
}

/** The model with one field changed. */
export function withModelField<M extends { kind: string }>(m: M, key: string, v: FieldValue): M {
  return { ...m, [key]: v };
}

/** The dataset picker (grouped) and fields: the choice's own, then the validation share and the seed. */
export function dataForm(
  ds: { kind: string; seed: number; validPct: number },
  userFile: string | null,
  kinds: DatasetRegistry = DATASET_KINDS,
): DataForm {
  const kind = datasetKindOf(ds, kinds);
  const choice = kind.choiceOf(ds as never);
  const groups: DataForm['groups'] = [];
  for (const k of kinds) {
    const options = k.choices.map((c) => ({
      value: c.id,
      label: k.fromFile ? (userFile ?? c.label) : c.label,
      disabled: !!k.fromFile && !userFile,
    }));
    const group = groups.find((g) => g.label === k.group);
    if (group) group.options.push(...options);
    else groups.push({ label: k.group, options });
  }
  const own = kind.values(ds as never);
  const common: Record<string, FieldValue> = { seed: ds.seed, validPct: ds.validPct };
  return {
    value: choice,
    groups,
    description: kind.choices.find((c) => c.id === choice)?.description ?? null,
    fields: [
      ...kind.fields(choice).map((f) => ({ id: `data-${f.key}`, spec: f, value: own[f.key] })),
      ...COMMON_DATA_FIELDS.map((f) => ({ id: `data-${f.key}`, spec: f, value: common[f.key] })),
    ],
  };
}

/** The dataset with one field changed (a common one, or the kind's own). */
export function withDataField<D extends { kind: string }>(ds: D, key: string, v: FieldValue, kinds: DatasetRegistry = DATASET_KINDS): D {
  if (COMMON_DATA_FIELDS.some((f) => f.key === key)) return { ...ds, [key]: v };
  const kind = findDatasetKind(ds.kind, kinds);
  return kind ? (kind.withValues(ds as never, { [key]: v }) as unknown as D) : ds;
}

/** The training section's number fields: their ids are the setup's own keys. */
export const TRAINING_FIELDS = ['momentum', 'lr', 'wd', 'batchSize', 'epochs'] as const;

/**
 * Every field's id with what it holds, tagged with its kind or choice (a field of another kind is
 * another field): two setups' fields are the same field with the same value when these agree.
 */
export function fieldValues(s: Setup): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of TRAINING_FIELDS) out[k] = String(s[k]);
  for (const f of modelForm(s.model, { images: null, classes: null }).fields) out[f.id] = `${s.model.kind}:${String(f.value)}`;
  const data = dataForm(s.dataset, null);
  for (const f of data.fields) out[f.id] = `${data.value}:${String(f.value)}`;
  return out;
}

/**
 * The refusals still standing once the setup went from `before` to `after`: a field that changed
 * (or is gone), or one of `set` (set anew, to whatever value), is no longer refused.
 */
export function settledRefusals(
  invalid: Record<string, string>,
  before: Setup,
  after: Setup,
  set: readonly string[] = [],
): Record<string, string> {
  if (Object.keys(invalid).length === 0) return invalid;
  const was = fieldValues(before);
  const now = fieldValues(after);
  const kept = Object.entries(invalid).filter(([id]) => !set.includes(id) && (!(id in was) || was[id] === now[id]));
  return kept.length === Object.keys(invalid).length ? invalid : Object.fromEntries(kept);
}
