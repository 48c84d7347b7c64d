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
