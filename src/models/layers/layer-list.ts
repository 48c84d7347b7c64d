// A layer list as text and back, and what it does to the data's shape: the one grammar of the
// layer-list model, used by the setup (a link, a run record: `conv(16, stride=2) bn2d relu …`), the
// editor, the worker's builder and the fastai export. Plain data and pure functions.
import type { LayerPlan, ModelIO } from '../kinds/kind';
import { argDefault, layerType, LAYER_TYPES, resolveArgs, type LayerArgs, type LayerTypeSpec, type Shape } from './layer-types';

/** One layer of a list: its type and the arguments it sets (the others take their defaults). */
export interface LayerItem {
  type: string;
  args: LayerArgs;
}

/** At most this many layers in a list (the output layer not counted). */
export const MAX_LAYERS = 64;
/** The longest list text accepted (a link holds it). */
export const MAX_LAYERS_TEXT = 2000;

/** Other names a list may use for a type (PyTorch's, lower-cased). */
const ALIASES: Record<string, string> = {
  dense: 'linear',
  conv2d: 'conv',
  batchnorm1d: 'bn1d',
  batchnorm2d: 'bn2d',
  maxpool2d: 'maxpool',
  avgpool2d: 'avgpool',
  gap: 'globalavgpool',
  lrelu: 'leakyrelu',
  grelu: 'generalrelu',
  res: 'resblock',
};

export type ParsedLayers = { ok: true; layers: LayerItem[] } | { ok: false; reason: string };

const ITEM = /([A-Za-z][A-Za-z0-9_]*)\s*(?:\(([^()]*)\))?/y;

/** The list `text` holds, or why it is refused ("layer 3: conv has no argument 'size'"). */
export function parseLayers(text: string): ParsedLayers {
  if (text.length > MAX_LAYERS_TEXT) return { ok: false, reason: `a layer list is at most ${MAX_LAYERS_TEXT} characters` };
  const layers: LayerItem[] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && /[\s,;]/.test(text[i])) i++;
  };
  skip();
  while (i < text.length) {
    ITEM.lastIndex = i;
    const m = ITEM.exec(text);
    const n = layers.length + 1;
    if (!m) return { ok: false, reason: `layer ${n}: expected a layer name at '${text.slice(i, i + 12)}'` };
    i = ITEM.lastIndex;
    const name = m[1].toLowerCase();
    const spec = layerType(ALIASES[name] ?? name);
    if (!spec) return { ok: false, reason: `layer ${n}: no layer is called '${m[1]}' (${LAYER_TYPES.map((t) => t.type).join(', ')})` };
    const args = parseArgs(spec, m[2] ?? '');
    if (typeof args === 'string') return { ok: false, reason: `layer ${n} (${spec.label}): ${args}` };
    layers.push({ type: spec.type, args });
    if (layers.length > MAX_LAYERS) return { ok: false, reason: `a list has at most ${MAX_LAYERS} layers` };
    skip();
  }
  if (layers.length === 0) return { ok: false, reason: 'the list has no layer' };
  return { ok: true, layers };
}

/** `16, stride=2` → { filters: 16, stride: 2 } (positional in the spec's order), or why not. */
function parseArgs(spec: LayerTypeSpec, raw: string): LayerArgs | string {
  const args: Record<string, number> = {};
  const parts = raw.trim() === '' ? [] : raw.split(',');
  for (const [pos, part] of parts.entries()) {
    const kv = part.split('=');
    if (kv.length > 2) return `'${part.trim()}' is not an argument`;
    const key = kv.length === 2 ? kv[0].trim() : spec.args[pos]?.key;
    const arg = spec.args.find((a) => a.key === key);
    if (!arg)
      return kv.length === 2
        ? `no argument '${key}' (${spec.args.map((a) => a.key).join(', ') || 'it takes none'})`
        : `takes at most ${spec.args.length} argument${spec.args.length === 1 ? '' : 's'}`;
    if (Object.hasOwn(args, arg.key)) return `${arg.key} is given twice`;
    const text = kv[kv.length - 1].trim();
    const v = text === '' ? Number.NaN : Number(text);
    const problem = argProblem(arg, v);
    if (problem) return problem;
    args[arg.key] = v;
  }
  // A default that follows another argument is checked too (padding = ks // 2).
  const resolved = resolveArgs(spec, args);
  for (const arg of spec.args) {
    const problem = argProblem(arg, resolved[arg.key]);
    if (problem) return problem;
  }
  return args;
}

/** Why `v` is refused for the argument, or null. */
export function argProblem(arg: { key: string; min: number; max: number; integer: boolean }, v: number): string | null {
  if (!Number.isFinite(v)) return `${arg.key} must be a number`;
  if (arg.integer && !Number.isInteger(v)) return `${arg.key} must be a whole number`;
  if (v < arg.min || v > arg.max) return `${arg.key} must be in [${arg.min}, ${arg.max}]`;
  return null;
}

/** The list's text in its one canonical form: arguments at their defaults are left out. */
export function printLayers(layers: readonly LayerItem[]): string {
  return layers.map(printLayer).join(' ');
}

export function printLayer(item: LayerItem): string {
  const spec = layerType(item.type);
  if (!spec) throw new RangeError(`unknown layer type '${item.type}'`);
  const all = resolveArgs(spec, item.args);
  const before: Record<string, number> = {};
  const shown: string[] = [];
  let positional = true;
  for (const arg of spec.args) {
    const v = all[arg.key];
    if (v === argDefault(arg, before) && !arg.always) positional = false;
    else shown.push(positional ? String(v) : `${arg.key}=${v}`);
    before[arg.key] = v;
  }
  return shown.length ? `${spec.type}(${shown.join(', ')})` : spec.type;
}

/** Every argument of the item, defaults included. */
export function fullArgs(item: LayerItem): Record<string, number> {
  const spec = layerType(item.type);
  return spec ? resolveArgs(spec, item.args) : {};
}

/** One row of the list worked out on the data: the item's output and its parameters, or why it does not fit. */
export interface LayerRow {
  label: string;
  /** Without the batch; null after a problem. */
  output: Shape | null;
  params: number;
  tfjs: LayerPlan[];
  problem: string | null;
}

export interface ListPlan {
  rows: LayerRow[];
  /** The output layer the data adds: a Linear to its classes (or 1 for regression). */
  head: LayerRow;
  /** The first problem, said for the page ("layer 2 (Conv2d): …"), or null. */
  problem: string | null;
  totalParams: number;
}

/** The list on data of these sizes: each layer's output shape and parameters, then the output layer. */
export function planList(layers: readonly LayerItem[], io: ModelIO): ListPlan {
  let shape: Shape | null = io.imageShape ? [...io.imageShape] : [io.inputs];
  let problem: string | null = null;
  const rows: LayerRow[] = layers.map((item, i) => {
    const spec = layerType(item.type);
    const label = spec?.label ?? item.type;
    if (!spec || !shape) return { label, output: null, params: 0, tfjs: [], problem: spec ? null : `unknown layer type '${item.type}'` };
    const step = spec.step(shape, fullArgs(item));
    if ('problem' in step) {
      const reason =
        !io.imageShape && step.problem.includes('needs images') ? `${label} needs images; this dataset is tabular` : step.problem;
      problem ??= `layer ${i + 1} (${label}): ${reason}`;
      shape = null;
      return { label, output: null, params: 0, tfjs: [], problem: reason };
    }
    shape = step.output;
    return { label, output: step.output, params: step.tfjs.reduce((s, l) => s + l.params, 0), tfjs: step.tfjs, problem: null };
  });
  const head = headRow(shape, io.outputs);
  if (head.problem) problem ??= `the output layer: ${head.problem}`;
  const totalParams = [...rows, head].reduce((s, r) => s + r.params, 0);
  return { rows, head, problem, totalParams };
}

function headRow(shape: Shape | null, outputs: number): LayerRow {
  const row = { label: 'Linear', output: null, params: 0, tfjs: [] };
  if (!shape) return { ...row, problem: null };
  if (shape.length !== 1) return { ...row, problem: 'the output is a Linear: end the list with Flatten or GlobalAvgPool' };
  const params = shape[0] * outputs + outputs;
  return { label: 'Linear', output: [outputs], params, tfjs: [{ kind: 'Dense', outputShape: [null, outputs], params }], problem: null };
}

/** Whether the list holds a layer that needs images (the model kind is then for images only). */
export function needsImages(layers: readonly LayerItem[]): boolean {
  return layers.some((l) => layerType(l.type)?.images === true);
}

/** A list's text one layer per line (Compare shows two lists side by side so); a text that does not parse, as it is. */
export function stackLines(text: string): string {
  const parsed = parseLayers(text);
  return parsed.ok ? parsed.layers.map(printLayer).join('\n') : text;
}
