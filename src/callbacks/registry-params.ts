/** Parameter descriptions of the callback registry: types, defaults, ranges, and their validation. */

// The parameter shapes and their check are plain data, defined once in src/shared/params.ts (the page
// checks a typed value and a link's value with the same function).
// A 'monitor' parameter is a string chosen among `monitorNames(learn)` (the losses and the Learner's metrics).
import { paramProblem, type ParamSpecData as ParamSpec, type ParamType, type ParamValue, type ParamValues } from '../shared/params';

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
/** A number that may be left empty (its default): the description says what empty means. */
export const optNum = (name: string, min: number, max: number, description: string, log = false): ParamSpec => ({
  ...num(name, 0, min, max, description, log),
  default: '',
  optional: true,
});
export const int = (name: string, def: number, min: number, max: number, description: string): ParamSpec => ({
  name,
  type: 'integer',
  default: def,
  min,
  max,
  description,
});
export const bool = (name: string, def: boolean, description: string): ParamSpec => ({ name, type: 'boolean', default: def, description });

/** Fills in defaults and checks types and ranges; throws with every problem found. */
export function resolveParams(info: { name: string; params: readonly ParamSpec[] }, given: Partial<ParamValues> = {}): ParamValues {
  const problems: string[] = [];
  const known = new Set(info.params.map((p) => p.name));
  for (const k of Object.keys(given)) if (!known.has(k)) problems.push(`unknown parameter '${k}'`);
  const out: ParamValues = {};
  for (const spec of info.params) {
    const v = given[spec.name] ?? spec.default;
    const problem = paramProblem(spec, v);
    if (problem) problems.push(`${spec.name}: ${problem}`);
    out[spec.name] = v;
  }
  if (problems.length) throw new Error(`${info.name}: ${problems.join('; ')}`);
  return out;
}
