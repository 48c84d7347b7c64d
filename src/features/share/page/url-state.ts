// The whole setup in the URL hash (like TensorFlow Playground): readable key=value pairs, so a
// link reproduces the run and can be edited by hand. Reading is a typed validator: whatever is
// invalid falls back to the default and is named in `ignored`; nothing is evaluated, and no input
// (hostile, truncated, random) makes it throw.
//   #data=spiral&p.nPerClass=200&p.nClasses=3&p.noise=0.2&seed=0&valid=0.2&model=mlp&layers=2
//    &units=32&act=relu&opt=adam&mom=0.9&lr=0.05&wd=0&bs=128&epochs=10
//    &cb.GradientClip={"maxNorm":1}&bp=[{"event":"after_loss","enabled":true,"conditions":[]}]
//    &code.GradNorm=class+GradNorm+extends+Callback+{…}
// Code a link carries is only read (url-callback-rows.ts checks its size and name): the page shows
// it read-only and nothing runs it until the person says so.
// The keys are one declarative table (`urlTable`, TensorFlow Playground's state.ts idea): each row
// has its key, parse (with the rule), print, and where its value lives; the model's and the data's
// rows come from their registries, the `cb.` and `code.` ones from url-callback-rows.ts.
import type { CallbackCatalogEntry, ParamValues } from '../../callbacks/messages';
import type { DatasetSetup, ModelSetup, OptimizerName, Setup } from '../../setup/messages';
import type { DebugBreakpoint } from '../../debugger/messages';
import { parseBreakpoint } from '../../../shared/debug';
import { DEFAULT_SETUP, RULES } from '../../setup/setup-rules';
import { DATASET_KINDS, allChoices, choiceOf, createDataset, dataTraits, type DatasetRegistry } from '../../../data/kinds/catalog';
import { SEED_FIELD, VALID_PCT_FIELD, type AnyDatasetKind } from '../../../data/kinds/kind';
import { MODEL_KINDS, defaultModel, modelKindOf, modelValues, needsProblem, type ModelRegistry } from '../../../models/kinds/catalog';
import {
  monitorsFor,
  paramProblem,
  parseField,
  ruleError,
  urlKey,
  type FieldSpec,
  type FieldValue,
  type NumberRule,
} from '../../../shared/params';
import { CALLBACKS_ROW, CODE_ROW } from './url-callback-rows';
import { MAX_HASH, clip, parseJson } from './url-text';

export { MAX_CODE_CALLBACKS, MAX_CODE_CHARS } from './url-callback-rows';
export { MAX_HASH } from './url-text';

/** What a link carries besides the setup: enabled callbacks (by name) and breakpoints. */
export interface SharedState {
  setup: Setup;
  /** Enabled optional callbacks and their parameters (checked against the catalog by `checkCallbacks`). */
  callbacks: Record<string, ParamValues>;
  breakpoints: DebugBreakpoint[];
  /** The user callbacks' TypeScript source, by class name (absent: none). Never run from a link without the person's say. */
  code?: Record<string, string>;
}

export interface DecodedState extends SharedState {
  /** One line per thing that was invalid and replaced by its default. */
  ignored: string[];
}

const MAX_BREAKPOINTS = 50;

type Parsed<V> = { ok: true; value: V; notes?: string[] } | { ok: false; reason: string };

/**
 * One key of the link. Encoding prints `get`'s value (undefined: not written); decoding parses the
 * text (the row's rule) and applies it with `set`, when the row applies to the state decoded so far.
 */
export interface UrlRow<V = unknown> {
  key: string;
  /** Absent: always. A kind's field applies to its kind only (another kind's key is not read). */
  when?(s: SharedState): boolean;
  parse(raw: string): Parsed<V>;
  print(v: V): string;
  get(s: SharedState): V | undefined;
  /** The state with the value, or why this state refuses it (a model the data does not fit). */
  set(s: SharedState, v: V): SharedState | string;
}

/** A family of keys under a prefix (`cb.<name>`): one per entry of a record. */
export interface UrlPrefixRow {
  prefix: string;
  entries(s: SharedState): [name: string, text: string][];
  read(s: SharedState, name: string, raw: string, ignored: string[]): SharedState;
}

export interface UrlTable {
  /** In the link's order. */
  rows: readonly (UrlRow<never> | UrlPrefixRow)[];
  /** Dataset kinds' key prefixes ('p.'), to name an unknown parameter of the chosen kind. */
  kindPrefixes: readonly { prefix: string; kind: AnyDatasetKind }[];
}

const ok = <V>(value: V, notes?: string[]): Parsed<V> => ({ ok: true, value, notes });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

const withSetup = (s: SharedState, patch: Partial<Setup>): SharedState => ({ ...s, setup: { ...s.setup, ...patch } });

function numberRow(
  key: string,
  rule: NumberRule,
  get: (s: Setup) => number | undefined,
  set: (s: Setup, v: number) => Setup,
): UrlRow<number> {
  return {
    key,
    parse: (raw) => {
      const v = raw.trim() === '' ? Number.NaN : Number(raw);
      const reason = ruleError(rule, v);
      return reason ? fail(reason) : ok(v);
    },
    print: String,
    get: (s) => get(s.setup),
    set: (s, v) => ({ ...s, setup: set(s.setup, v) }),
  };
}

function choiceRow<V extends string>(
  key: string,
  options: readonly V[],
  get: (s: SharedState) => V | undefined,
  set: UrlRow<V>['set'],
): UrlRow<V> {
  return {
    key,
    parse: (raw) => ((options as readonly string[]).includes(raw) ? ok(raw as V) : fail(`one of ${options.join(', ')}`)),
    print: String,
    get,
    set,
  };
}

/** A kind's field: its rule is the field's, its key the field's link key. */
function fieldRow(f: FieldSpec, get: (s: Setup) => FieldValue | undefined, set: (s: Setup, v: FieldValue) => Setup): UrlRow<FieldValue> {
  return {
    key: urlKey(f),
    when: (s) => get(s.setup) !== undefined,
    parse: (raw) => {
      const r = parseField(f, raw);
      return r.ok ? ok(r.value) : fail(r.reason);
    },
    print: String,
    get: (s) => get(s.setup),
    set: (s, v) => ({ ...s, setup: set(s.setup, v) }),
  };
}

/** The link's table for these registries: data, its kind's fields, seed, validation share, model, its kind's fields, training, callbacks, breakpoints. */
export function urlTable(models: ModelRegistry = MODEL_KINDS, datasets: DatasetRegistry = DATASET_KINDS): UrlTable {
  const choices = allChoices(datasets).map((c) => c.id);
  const ds = (s: Setup) => s.dataset;
  const dataRows: UrlRow<FieldValue>[] = datasets.flatMap((kind) =>
    kind.choices.flatMap((c) =>
      kind.fields(c.id).map((f) =>
        fieldRow(
          f,
          (s) => (s.dataset.kind === kind.kind && kind.choiceOf(ds(s) as never) === c.id ? kind.values(ds(s) as never)[f.key] : undefined),
          (s, v) => ({ ...s, dataset: kind.withValues(ds(s) as never, { [f.key]: v }) as DatasetSetup }),
        ),
      ),
    ),
  );
  const modelRows: UrlRow<FieldValue>[] = models.flatMap((kind) =>
    kind.params.map((f) =>
      fieldRow(
        f,
        (s) => (s.model.kind === kind.kind ? modelValues(s.model)[f.key] : undefined),
        (s, v) => ({ ...s, model: { ...s.model, [f.key]: v } as ModelSetup }),
      ),
    ),
  );
  const rows: (UrlRow<never> | UrlPrefixRow)[] = [
    choiceRow(
      'data',
      choices,
      (s) => choiceOf(s.setup.dataset, datasets),
      (s, c) => {
        const { seed, validPct } = s.setup.dataset;
        return withSetup(s, { dataset: createDataset<DatasetSetup>(c, { seed, validPct }, datasets) });
      },
    ),
    ...dataRows,
    numberRow(
      urlKey(SEED_FIELD),
      SEED_FIELD,
      (s) => s.dataset.seed,
      (s, seed) => ({ ...s, dataset: { ...s.dataset, seed } }),
    ),
    numberRow(
      urlKey(VALID_PCT_FIELD),
      VALID_PCT_FIELD,
      (s) => s.dataset.validPct,
      (s, validPct) => ({ ...s, dataset: { ...s.dataset, validPct } }),
    ),
    choiceRow(
      'model',
      models.map((k) => k.kind),
      (s) => s.setup.model.kind,
      (s, kind) => {
        const spec = modelKindOf({ kind }, models);
        // The data is read first: a model it rules out keeps the default (unknown data fits).
        return needsProblem(spec, dataTraits(s.setup.dataset, null, datasets)) ?? withSetup(s, { model: defaultModel(spec) as ModelSetup });
      },
    ),
    ...modelRows,
    choiceRow(
      'opt',
      OPTIMIZERS,
      (s) => s.setup.optimizer,
      (s, optimizer) => withSetup(s, { optimizer }),
    ),
    numberRow(
      'mom',
      RULES.momentum,
      (s) => s.momentum,
      (s, momentum) => ({ ...s, momentum }),
    ),
    numberRow(
      'lr',
      RULES.lr,
      (s) => s.lr,
      (s, lr) => ({ ...s, lr }),
    ),
    numberRow(
      'wd',
      RULES.wd,
      (s) => s.wd,
      (s, wd) => ({ ...s, wd }),
    ),
    choiceRow(
      'wdbn',
      ['on', 'off'] as const,
      (s) => (s.setup.wdBnBias ? 'on' : undefined),
      (s, v) => withSetup(s, { wdBnBias: v === 'on' }),
    ),
    numberRow(
      'bs',
      RULES.batchSize,
      (s) => s.batchSize,
      (s, batchSize) => ({ ...s, batchSize }),
    ),
    numberRow(
      'epochs',
      RULES.epochs,
      (s) => s.epochs,
      (s, epochs) => ({ ...s, epochs }),
    ),
    CALLBACKS_ROW,
    BREAKPOINTS_ROW,
    CODE_ROW,
  ] as (UrlRow<never> | UrlPrefixRow)[];
  const kindPrefixes = datasets.flatMap((kind) => (kind.urlPrefix ? [{ prefix: kind.urlPrefix, kind }] : []));
  return { rows, kindPrefixes };
}

const OPTIMIZERS: readonly OptimizerName[] = ['adam', 'sgd'];

/** Breakpoints: `bp=[{"event":"after_loss","enabled":true,"conditions":[]}]` (ids are not kept). */
const BREAKPOINTS_ROW: UrlRow<DebugBreakpoint[]> = {
  key: 'bp',
  parse: (raw) => {
    const list = parseJson(raw);
    if (!Array.isArray(list)) return fail('unreadable breakpoints');
    const notes: string[] = [];
    const breakpoints: DebugBreakpoint[] = [];
    list.slice(0, MAX_BREAKPOINTS).forEach((b, i) => {
      const bp = parseBreakpoint(b, `url${i + 1}`);
      if (bp) breakpoints.push(bp);
      else notes.push(`breakpoint ${i + 1} (invalid)`);
    });
    return ok(breakpoints, notes);
  },
  print: (bps) => JSON.stringify(bps.map(({ event, enabled, conditions }) => ({ event, enabled, conditions }))),
  get: (s) => (s.breakpoints.length ? s.breakpoints : undefined),
  set: (s, breakpoints) => ({ ...s, breakpoints }),
};

const DEFAULT_TABLE = urlTable();

/** The hash (without '#') of a state. Numbers as JS prints them, so they read back equal. */
export function encodeState(s: SharedState, table: UrlTable = DEFAULT_TABLE): string {
  const p = new URLSearchParams();
  for (const row of table.rows as readonly (UrlRow | UrlPrefixRow)[]) {
    if ('prefix' in row) {
      for (const [name, text] of row.entries(s)) p.set(`${row.prefix}${name}`, text);
      continue;
    }
    const v = row.get(s);
    if (v !== undefined) p.set(row.key, row.print(v));
  }
  return p.toString();
}

/** Reads a hash ('#...' or without '#'); never throws. An empty hash is the defaults, silently. */
export function decodeState(hash: string, table: UrlTable = DEFAULT_TABLE, defaults: Setup = DEFAULT_SETUP): DecodedState {
  const ignored: string[] = [];
  const empty: DecodedState = { setup: defaults, callbacks: {}, breakpoints: [], ignored };
  const text = typeof hash === 'string' ? hash.replace(/^#/, '') : '';
  if (!text) return empty;
  if (text.length > MAX_HASH) {
    ignored.push(`the link (longer than ${MAX_HASH} characters)`);
    return empty;
  }
  let p: URLSearchParams;
  try {
    p = new URLSearchParams(text);
  } catch {
    ignored.push('the link (unreadable)');
    return empty;
  }
  let s: SharedState = { setup: defaults, callbacks: {}, breakpoints: [] };
  const read = new Set<string>();
  for (const row of table.rows as readonly (UrlRow | UrlPrefixRow)[]) {
    if ('prefix' in row) {
      for (const [key, raw] of p.entries()) if (key.startsWith(row.prefix)) s = row.read(s, key.slice(row.prefix.length), raw, ignored);
      continue;
    }
    const raw = p.get(row.key);
    if (raw === null || (row.when && !row.when(s))) continue;
    read.add(row.key);
    const parsed = row.parse(raw);
    const next = parsed.ok ? row.set(s, parsed.value) : parsed.reason;
    if (typeof next === 'string') ignored.push(`${row.key}=${clip(raw)} (${next})`);
    else s = next;
    if (parsed.ok && parsed.notes) ignored.push(...parsed.notes);
  }
  // Keys no row read: the chosen dataset's missing parameter, another kind's key (silently), or unknown.
  const keys = new Set(table.rows.map((r) => ('prefix' in r ? '' : r.key)));
  const prefixes = table.rows.flatMap((r) => ('prefix' in r ? [r.prefix] : []));
  for (const key of new Set(p.keys())) {
    if (read.has(key) || prefixes.some((x) => key.startsWith(x))) continue;
    const own = table.kindPrefixes.find((x) => key.startsWith(x.prefix));
    if (own?.kind.kind === s.setup.dataset.kind)
      ignored.push(`unknown parameter "${clip(key)}" of ${own.kind.choiceOf(s.setup.dataset as never)}`);
    else if (!own && !keys.has(key)) ignored.push(`unknown key "${clip(key)}"`);
  }
  return { ...s, ignored };
}

/**
 * The link's callbacks checked against the worker's catalog: unknown callbacks, ones that cannot be
 * switched (default, action) and invalid parameters are dropped and named; missing parameters
 * take their defaults.
 */
export function checkCallbacks(
  wanted: Record<string, ParamValues>,
  catalog: readonly CallbackCatalogEntry[],
  monitors: readonly string[] = monitorsFor(null),
): { callbacks: Record<string, ParamValues>; ignored: string[] } {
  const ignored: string[] = [];
  const callbacks: Record<string, ParamValues> = {};
  for (const [name, values] of Object.entries(wanted)) {
    const entry = catalog.find((e) => e.name === name);
    if (!entry || entry.kind !== 'optional') {
      ignored.push(`callback "${clip(name)}" (${entry ? 'cannot be switched' : 'unknown'})`);
      continue;
    }
    const params: ParamValues = {};
    for (const spec of entry.params) {
      const v = values[spec.name];
      if (v === undefined) params[spec.name] = spec.default;
      else if (paramProblem(spec, v, monitors) === null) params[spec.name] = v;
      else {
        ignored.push(`${name}.${spec.name}=${clip(String(v))} (invalid)`);
        params[spec.name] = spec.default;
      }
    }
    for (const k of Object.keys(values))
      if (!entry.params.some((s) => s.name === k)) ignored.push(`${name}.${clip(k)} (unknown parameter)`);
    callbacks[name] = params;
  }
  return { callbacks, ignored };
}
