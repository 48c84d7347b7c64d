/** Parameter descriptions of the callback registry: types, defaults, ranges, and their validation. */

// The parameter shapes are plain data, defined once in the protocol (the page edits them as they are).
// A 'monitor' parameter is a string chosen among `monitorNames(learn)` (the losses and the Learner's metrics).
import type { ParamSpecData as ParamSpec, ParamType, ParamValue, ParamValues } from '../features/callbacks/messages';

export type { ParamSpec, ParamType, ParamValue, ParamValues };

export const num = (name: string, def: number, min: number, max: number, description: string, log = false): ParamSpec => ({
  name,
  type: 'number',
  default: def,
  min,
  max,
  log,
  description,
});
export const int = (name: string, def: number, min: number, max: number, description: string): ParamSpec => ({ name, type: 'integer', default: def, min, max, description });
export const bool = (name: string, def: boolean, description: string): ParamSpec => ({ name, type: 'boolean', default: def, description });

/** Fills in defaults and checks types and ranges; throws with every problem found. */
export function resolveParams(info: { name: string; params: readonly ParamSpec[] }, given: Partial<ParamValues> = {}): ParamValues {
  const problems: string[] = [];
  const known = new Set(info.params.map((p) => p.name));
  for (const k of Object.keys(given)) if (!known.has(k)) problems.push(`unknown parameter '${k}'`);
  const out: ParamValues = {};
  for (const spec of info.params) {
    const v = given[spec.name] ?? spec.default;
    const problem = checkParam(spec, v);
    if (problem) problems.push(`${spec.name}: ${problem}`);
    out[spec.name] = v;
  }
  if (problems.length) throw new Error(`${info.name}: ${problems.join('; ')}`);
  return out;
}

function checkParam(spec: ParamSpec, v: ParamValue): string | null {
  if (spec.type === 'boolean') return typeof v === 'boolean' ? null : 'expected a boolean';
  if (spec.type === 'string' || spec.type === 'monitor') return typeof v === 'string' && v.length > 0 ? null : 'expected a non-empty string';
  if (spec.type === 'enum') return spec.options!.includes(String(v)) ? null : `expected one of ${spec.options!.join(', ')}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'expected a finite number';
  if (spec.type === 'integer' && !Number.isInteger(v)) return 'expected an integer';
  if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) return `must be in [${spec.min}, ${spec.max}]`;
  return null;
}
