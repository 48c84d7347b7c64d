// The whole setup in the URL hash (like TensorFlow Playground): readable key=value pairs, so a
// link reproduces the run and can be edited by hand. Reading is a typed validator: whatever is
// invalid falls back to the default and is named in `ignored`; nothing is evaluated, and no input
// (hostile, truncated, random) makes it throw.
//   #data=spiral&p.nPerClass=200&p.nClasses=3&p.noise=0.2&seed=0&valid=0.2&model=mlp&layers=2
//    &units=32&act=relu&opt=adam&mom=0.9&lr=0.05&wd=0&bs=128&epochs=10
//    &cb.GradientClip={"maxNorm":1}&bp=[{"event":"after_loss","enabled":true,"conditions":[]}]
import type { CallbackCatalogEntry, ParamSpecData, ParamValue, ParamValues } from '../../callbacks/messages';
import type { ActivationName, DatasetSetup, ModelSetup, Setup, SyntheticId } from '../../setup/messages';
import type { DebugBreakpoint, DebugCondition } from '../../debugger/messages';
import { DEFAULT_CNN, DEFAULT_MLP, DEFAULT_MNIST, DEFAULT_SETUP, RULES, ruleError, type RuleKey } from '../../setup/setup-rules';
import { SYNTHETIC, defaultParams, paramError, syntheticSpec } from '../../../data/synthetic';
import { isEventName } from '../../../shared/events';

/** What a link carries besides the setup: enabled callbacks (by name) and breakpoints. */
export interface SharedState {
  setup: Setup;
  /** Enabled optional callbacks and their parameters (checked against the catalog by `checkCallbacks`). */
  callbacks: Record<string, ParamValues>;
  breakpoints: DebugBreakpoint[];
}

export interface DecodedState extends SharedState {
  /** One line per thing that was invalid and replaced by its default. */
  ignored: string[];
}

const ACTIVATIONS: readonly ActivationName[] = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'];
const SYNTHETIC_IDS = SYNTHETIC.map((s) => s.id) as readonly SyntheticId[];
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Longer hashes are not read at all (a link is a few hundred characters). */
export const MAX_HASH = 8000;
const MAX_BREAKPOINTS = 50;

/** The hash (without '#') of a state. Numbers as JS prints them, so they read back equal. */
export function encodeState(s: SharedState): string {
  const p = new URLSearchParams();
  const d = s.setup.dataset;
  p.set('data', d.kind === 'synthetic' ? d.id : d.kind);
  if (d.kind === 'synthetic') for (const [k, v] of Object.entries(d.params)) p.set(`p.${k}`, String(v));
  if (d.kind === 'mnist') p.set('limit', String(d.limit));
  p.set('seed', String(d.seed));
  p.set('valid', String(d.validPct));
  const m = s.setup.model;
  p.set('model', m.kind);
  if (m.kind === 'mlp') {
    p.set('layers', String(m.layers));
    p.set('units', String(m.units));
    p.set('act', m.activation);
  } else {
    p.set('filters', String(m.filters));
    p.set('dense', String(m.dense));
  }
  p.set('opt', s.setup.optimizer);
  p.set('mom', String(s.setup.momentum));
  p.set('lr', String(s.setup.lr));
  p.set('wd', String(s.setup.wd));
  p.set('bs', String(s.setup.batchSize));
  p.set('epochs', String(s.setup.epochs));
  for (const [name, params] of Object.entries(s.callbacks)) p.set(`cb.${name}`, JSON.stringify(params));
  if (s.breakpoints.length) {
    p.set('bp', JSON.stringify(s.breakpoints.map(({ event, enabled, conditions }) => ({ event, enabled, conditions }))));
  }
  return p.toString();
}

/** Reads a hash ('#...' or without '#'); never throws. An empty hash is the defaults, silently. */
export function decodeState(hash: string): DecodedState {
  const ignored: string[] = [];
  const empty: DecodedState = { setup: DEFAULT_SETUP, callbacks: {}, breakpoints: [], ignored };
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
  const known = new Set(['data', 'limit', 'seed', 'valid', 'model', 'layers', 'units', 'act', 'filters', 'dense', 'opt', 'mom', 'lr', 'wd', 'bs', 'epochs', 'bp']);
  for (const key of new Set(p.keys())) {
    if (!known.has(key) && !key.startsWith('p.') && !key.startsWith('cb.')) ignored.push(`unknown key "${clip(key)}"`);
  }
  const num = (key: string, rule: RuleKey, fallback: number): number => {
    const raw = p.get(key);
    if (raw === null) return fallback;
    const v = raw.trim() === '' ? NaN : Number(raw);
    const err = ruleError(RULES[rule], v);
    if (err) {
      ignored.push(`${key}=${clip(raw)} (${err})`);
      return fallback;
    }
    return v;
  };
  const choice = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
    const raw = p.get(key);
    if (raw === null) return fallback;
    if ((options as readonly string[]).includes(raw)) return raw as T;
    ignored.push(`${key}=${clip(raw)} (one of ${options.join(', ')})`);
    return fallback;
  };

  const kind = choice('data', [...SYNTHETIC_IDS, 'mnist', 'user'] as const, 'spiral');
  const seed = num('seed', 'seed', 0);
  const validPct = num('valid', 'validPct', DEFAULT_SETUP.dataset.validPct);
  let dataset: DatasetSetup;
  if (kind === 'mnist') dataset = { kind: 'mnist', limit: num('limit', 'limit', (DEFAULT_MNIST as { limit: number }).limit), seed, validPct };
  else if (kind === 'user') dataset = { kind: 'user', seed, validPct };
  else {
    const spec = syntheticSpec(kind);
    const params = defaultParams(spec);
    delete params.seed;
    for (const ps of spec.params) {
      const raw = p.get(`p.${ps.key}`);
      if (raw === null) continue;
      const v = raw.trim() === '' ? NaN : Number(raw);
      const err = Number.isFinite(v) ? paramError(ps, v) : `${ps.label} must be a number`;
      if (err) ignored.push(`p.${ps.key}=${clip(raw)} (${err})`);
      else params[ps.key] = v;
    }
    for (const key of p.keys()) {
      if (key.startsWith('p.') && !spec.params.some((ps) => `p.${ps.key}` === key)) ignored.push(`unknown parameter "${clip(key)}" of ${kind}`);
    }
    dataset = { kind: 'synthetic', id: kind, params, seed, validPct };
  }

  let modelKind = choice('model', ['mlp', 'cnn'] as const, 'mlp');
  if (modelKind === 'cnn' && dataset.kind === 'synthetic') {
    ignored.push('model=cnn (the CNN needs image data)');
    modelKind = 'mlp';
  }
  const mlp = DEFAULT_MLP as Extract<ModelSetup, { kind: 'mlp' }>;
  const cnn = DEFAULT_CNN as Extract<ModelSetup, { kind: 'cnn' }>;
  const model: ModelSetup =
    modelKind === 'mlp'
      ? { kind: 'mlp', layers: num('layers', 'layers', mlp.layers), units: num('units', 'units', mlp.units), activation: choice('act', ACTIVATIONS, mlp.activation) }
      : { kind: 'cnn', filters: num('filters', 'filters', cnn.filters), dense: num('dense', 'dense', cnn.dense) };

  const setup: Setup = {
    dataset,
    model,
    optimizer: choice('opt', ['adam', 'sgd'] as const, DEFAULT_SETUP.optimizer),
    momentum: num('mom', 'momentum', DEFAULT_SETUP.momentum),
    lr: num('lr', 'lr', DEFAULT_SETUP.lr),
    wd: num('wd', 'wd', DEFAULT_SETUP.wd),
    batchSize: num('bs', 'batchSize', DEFAULT_SETUP.batchSize),
    epochs: num('epochs', 'epochs', DEFAULT_SETUP.epochs),
  };

  const callbacks: Record<string, ParamValues> = {};
  for (const [key, raw] of p.entries()) {
    if (!key.startsWith('cb.')) continue;
    const name = key.slice(3);
    const params = parseJson(raw);
    if (!NAME.test(name) || !isPlainObject(params)) {
      ignored.push(`callback "${clip(name)}" (unreadable)`);
      continue;
    }
    const values: ParamValues = {};
    for (const [k, v] of Object.entries(params)) {
      if (NAME.test(k) && (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string')) values[k] = v;
      else ignored.push(`${name}.${clip(k)} (not a plain value)`);
    }
    callbacks[name] = values;
  }

  const breakpoints: DebugBreakpoint[] = [];
  const bpRaw = p.get('bp');
  if (bpRaw !== null) {
    const list = parseJson(bpRaw);
    if (!Array.isArray(list)) ignored.push('bp (unreadable breakpoints)');
    else
      list.slice(0, MAX_BREAKPOINTS).forEach((b, i) => {
        const bp = checkBreakpoint(b, i);
        if (bp) breakpoints.push(bp);
        else ignored.push(`breakpoint ${i + 1} (invalid)`);
      });
  }
  return { setup, callbacks, breakpoints, ignored };
}

function checkBreakpoint(b: unknown, i: number): DebugBreakpoint | null {
  if (!isPlainObject(b)) return null;
  const event = b.event;
  if (typeof event !== 'string' || !isEventName(event)) return null;
  const conds = b.conditions ?? [];
  if (!Array.isArray(conds) || conds.length > 10) return null;
  const conditions: DebugCondition[] = [];
  for (const c of conds) {
    const ok = checkCondition(c);
    if (!ok) return null;
    conditions.push(ok);
  }
  return { id: `url${i + 1}`, event: event as DebugBreakpoint['event'], enabled: b.enabled !== false, conditions };
}

function checkCondition(c: unknown): DebugCondition | null {
  if (!isPlainObject(c)) return null;
  const wholeOk = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9;
  switch (c.kind) {
    case 'epoch':
    case 'iter':
      return (c.op === 'eq' || c.op === 'gte') && wholeOk(c.value) ? { kind: c.kind, op: c.op, value: c.value } : null;
    case 'lossAbove':
      return typeof c.value === 'number' && Number.isFinite(c.value) ? { kind: 'lossAbove', value: c.value } : null;
    case 'lossNotFinite':
      return { kind: 'lossNotFinite' };
    case 'phase':
      return c.phase === 'train' || c.phase === 'valid' ? { kind: 'phase', phase: c.phase } : null;
    default:
      return null;
  }
}

/**
 * The link's callbacks checked against the worker's catalog: unknown callbacks, ones that cannot be
 * switched (default, action) and invalid parameters are dropped and named; missing parameters
 * take their defaults.
 */
export function checkCallbacks(
  wanted: Record<string, ParamValues>,
  catalog: readonly CallbackCatalogEntry[],
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
      else if (paramOk(spec, v)) params[spec.name] = v;
      else {
        ignored.push(`${name}.${spec.name}=${clip(String(v))} (invalid)`);
        params[spec.name] = spec.default;
      }
    }
    for (const k of Object.keys(values)) if (!entry.params.some((s) => s.name === k)) ignored.push(`${name}.${clip(k)} (unknown parameter)`);
    callbacks[name] = params;
  }
  return { callbacks, ignored };
}

function paramOk(spec: ParamSpecData, v: ParamValue): boolean {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (spec.type === 'number' || Number.isInteger(v)) &&
        (spec.min === undefined || v >= spec.min) &&
        (spec.max === undefined || v <= spec.max)
      );
    case 'boolean':
      return typeof v === 'boolean';
    case 'enum':
      return typeof v === 'string' && (spec.options ?? []).includes(v);
    case 'string':
    case 'monitor':
      return typeof v === 'string' && v.length <= 200;
    default:
      return false;
  }
}

function parseJson(text: string): unknown {
  if (text.length > MAX_HASH) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Shown in a message: short, one line. */
function clip(s: string): string {
  const one = s.replace(/\p{Cc}/gu, ' '); // control characters
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}
