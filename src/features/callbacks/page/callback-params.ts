// Checks a callback parameter typed in the panel, with the registry's rules and wording
// (src/callbacks/registry-params.ts), so the reason shows at the input before the worker is asked.
import type { ParamSpecData, ParamValue } from '../messages';

export type ParamCheck = { ok: true; value: ParamValue } | { ok: false; reason: string };

export function checkParamInput(spec: ParamSpecData, input: string | boolean): ParamCheck {
  if (spec.type === 'boolean') return typeof input === 'boolean' ? { ok: true, value: input } : { ok: false, reason: 'expected a boolean' };
  const text = String(input).trim();
  if (spec.type === 'string' || spec.type === 'monitor') return text ? { ok: true, value: text } : { ok: false, reason: 'expected a non-empty string' };
  if (spec.type === 'enum') return spec.options?.includes(text) ? { ok: true, value: text } : { ok: false, reason: `expected one of ${spec.options?.join(', ')}` };
  if (text === '') return { ok: false, reason: 'expected a number' };
  const v = Number(text);
  if (!Number.isFinite(v)) return { ok: false, reason: 'expected a finite number' };
  if (spec.type === 'integer' && !Number.isInteger(v)) return { ok: false, reason: 'expected an integer' };
  if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) return { ok: false, reason: `must be in [${spec.min}, ${spec.max}]` };
  return { ok: true, value: v };
}

/** How a value shows in an input or a summary: 1e-7, 0.01, 25, true. */
export function formatParamValue(v: ParamValue): string {
  if (typeof v !== 'number') return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential().replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}
