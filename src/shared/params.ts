// Parameter shapes and their checks, defined once for every thread: the callbacks' parameters
// (checked by the registry in the worker and by the link decoder on the page), and the fields of
// a setup (model and dataset kinds, the training numbers). Plain data and pure functions only.

/** A callback parameter's type; 'monitor' is a string chosen among the losses and metrics. */
export type ParamType = 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'monitor';
export type ParamValue = number | boolean | string;
export type ParamValues = Record<string, ParamValue>;

/** One parameter of a callback, as the registry describes it. */
export interface ParamSpecData {
  name: string;
  type: ParamType;
  default: ParamValue;
  description: string;
  min?: number;
  max?: number;
  /** A learning-rate-like value: shown in scientific notation. */
  log?: boolean;
  options?: readonly string[];
  /** A number that may be left unset: the empty string, whose meaning the description gives. */
  optional?: boolean;
}

/** The longest string parameter accepted (a file name, a monitor name). */
export const MAX_STRING_PARAM = 200;

/** The rule of one number of a setup. */
export interface NumberRule {
  label: string;
  min: number;
  max: number;
  integer: boolean;
  /** min is excluded (a learning rate of 0 trains nothing). */
  minExclusive?: boolean;
}

type NumberFault = 'nan' | 'fraction' | 'low' | 'high';

/** What is wrong with `v` under a range, or null: the one number check both message styles use. */
function numberFault(v: unknown, r: { min?: number; max?: number; integer: boolean; minExclusive?: boolean }): NumberFault | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'nan';
  if (r.integer && !Number.isInteger(v)) return 'fraction';
  if (r.min !== undefined && (r.minExclusive ? v <= r.min : v < r.min)) return 'low';
  if (r.max !== undefined && v > r.max) return 'high';
  return null;
}

/** Why `value` is refused by a setup rule ("Batch size must be at least 1"), or null. */
export function ruleError(rule: NumberRule, value: unknown): string | null {
  switch (numberFault(value, rule)) {
    case 'nan':
      return `${rule.label} must be a number`;
    case 'fraction':
      return `${rule.label} must be a whole number`;
    case 'low':
      return rule.minExclusive ? `${rule.label} must be more than ${rule.min}` : `${rule.label} must be at least ${rule.min}`;
    case 'high':
      return `${rule.label} must be at most ${rule.max}`;
    default:
      return null;
  }
}

/**
 * What a tracker (EarlyStopping, SaveModel, ReduceLROnPlateau) can watch in a run of this task: fastai's
 * `recorder.metric_names[1:-1]` for the Learner the worker builds (the losses, then its metrics;
 * `monitorNames(learn)` in src/callbacks/tracker.ts, tested to agree). null: the task is not known yet.
 */
export function monitorsFor(task: 'classification' | 'regression' | null): string[] {
  const losses = ['train_loss', 'valid_loss'];
  return task === 'regression' ? losses : [...losses, 'accuracy'];
}

/** Why `v` is refused for a callback parameter ("must be in [1, 8]"), or null. `monitors`: the names a 'monitor' may take. */
export function paramProblem(spec: ParamSpecData, v: unknown, monitors?: readonly string[]): string | null {
  switch (spec.type) {
    case 'boolean':
      return typeof v === 'boolean' ? null : 'expected a boolean';
    case 'string':
    case 'monitor':
      if (typeof v !== 'string' || v.length === 0) return 'expected a non-empty string';
      if (v.length > MAX_STRING_PARAM) return `expected at most ${MAX_STRING_PARAM} characters`;
      if (spec.type === 'monitor' && monitors && !monitors.includes(v))
        return `this run has no '${v}' to watch; it has ${monitors.map((m) => `'${m}'`).join(', ')}`;
      return null;
    case 'enum':
      return typeof v === 'string' && (spec.options ?? []).includes(v) ? null : `expected one of ${(spec.options ?? []).join(', ')}`;
    case 'number':
    case 'integer':
      if (spec.optional && v === '') return null;
      switch (numberFault(v, { ...spec, integer: spec.type === 'integer' })) {
        case 'nan':
          return 'expected a finite number';
        case 'fraction':
          return 'expected an integer';
        case 'low':
        case 'high':
          return `must be in [${spec.min}, ${spec.max}]`;
        default:
          return null;
      }
    default:
      return `unknown parameter type '${String(spec.type)}'`;
  }
}

/**
 * One field of a setup form (a model kind's or a dataset kind's parameter): a number under a rule,
 * one of a few names, or a text in a small language of its own (a layer list). `key` is its name in
 * the setup, `url` its key in a link (default: `key`).
 */
export type FieldSpec = NumberField | EnumField | TextField;

export interface NumberField extends NumberRule {
  type: 'number';
  key: string;
  default: number;
  /** The input's step (the synthetic tests also nudge each parameter by it). */
  step: number;
  help?: string;
  url?: string;
}

export interface EnumField {
  type: 'enum';
  key: string;
  label: string;
  options: readonly string[];
  default: string;
  help?: string;
  url?: string;
}

/** A text its kind checks (`check`), edited by the page's editor of that name (the form's text input when it has none). */
export interface TextField {
  type: 'text';
  key: string;
  label: string;
  default: string;
  maxLength: number;
  /** Why the text is refused ("layer 3: …"), or null. */
  check(v: string): string | null;
  /** The page's editor for it (a key of the setup form's editors). */
  editor?: string;
  /** Other texts it accepts (the layer list's presets), for the page and the tests. */
  examples?: readonly string[];
  help?: string;
  url?: string;
}

export type FieldValue = number | string;

/** Why `v` is refused for the field, or null. */
export function fieldProblem(f: FieldSpec, v: unknown): string | null {
  if (f.type === 'number') return ruleError(f, v);
  if (f.type === 'text') {
    if (typeof v !== 'string') return `${f.label} must be text`;
    return v.length > f.maxLength ? `${f.label} must be at most ${f.maxLength} characters` : f.check(v);
  }
  return typeof v === 'string' && f.options.includes(v) ? null : `${f.label} must be one of ${f.options.join(', ')}`;
}

/** The field's value in a text (a link, an input), or why the text is refused. */
export function parseField(f: FieldSpec, raw: string): { ok: true; value: FieldValue } | { ok: false; reason: string } {
  if (f.type === 'text') {
    const reason = fieldProblem(f, raw);
    return reason ? { ok: false, reason } : { ok: true, value: raw };
  }
  if (f.type === 'enum')
    return f.options.includes(raw) ? { ok: true, value: raw } : { ok: false, reason: `one of ${f.options.join(', ')}` };
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  const reason = ruleError(f, v);
  return reason ? { ok: false, reason } : { ok: true, value: v };
}

/** The field's key in a link. */
export const urlKey = (f: FieldSpec): string => f.url ?? f.key;

/** An integer field (the key's literal type is kept: a kind's setup type is derived from its fields). */
export const intField = <const K extends string>(key: K, label: string, min: number, max: number, def: number, help?: string) =>
  ({ type: 'number', key, label, min, max, step: 1, default: def, integer: true, help }) satisfies NumberField;

/** A real-valued field. */
export const realField = <const K extends string>(
  key: K,
  label: string,
  min: number,
  max: number,
  step: number,
  def: number,
  help?: string,
) => ({ type: 'number', key, label, min, max, step, default: def, integer: false, help }) satisfies NumberField;

/** A choice among names. */
export const enumField = <const K extends string, const O extends readonly string[]>(
  key: K,
  label: string,
  options: O,
  def: O[number],
  url?: string,
) => ({ type: 'enum', key, label, options, default: def, url }) satisfies EnumField;

/** A text field checked by `check`. */
export const textField = <const K extends string>(
  key: K,
  label: string,
  def: string,
  maxLength: number,
  check: (v: string) => string | null,
  extra: { editor?: string; examples?: readonly string[]; help?: string; url?: string } = {},
) => ({ type: 'text', key, label, default: def, maxLength, check, ...extra }) satisfies TextField;

/** The value type a field holds: its names, a text, or a number. */
export type FieldType<F> = F extends { type: 'enum'; options: readonly (infer O)[] } ? O : F extends { type: 'text' } ? string : number;
