// Checks a callback parameter typed in the panel, with the registry's rules and wording
// (src/shared/params.ts), so the reason shows at the input before the worker is asked.
import type { ParamSpecData, ParamValue } from '../messages';
import { paramProblem } from '../../../shared/params';

export type ParamCheck = { ok: true; value: ParamValue } | { ok: false; reason: string };

/** `monitors`: the names a 'monitor' parameter may take in the current setup. */
export function checkParamInput(spec: ParamSpecData, input: string | boolean, monitors?: readonly string[]): ParamCheck {
  const text = String(input).trim();
  if ((spec.type === 'number' || spec.type === 'integer') && text === '')
    return spec.optional ? { ok: true, value: '' } : { ok: false, reason: 'expected a number' };
  // The text read as the parameter's type, then the one check the registry uses.
  const value = spec.type === 'boolean' ? input : spec.type === 'number' || spec.type === 'integer' ? Number(text) : text;
  const reason = paramProblem(spec, value, monitors);
  return reason ? { ok: false, reason } : { ok: true, value };
}

/** How a value shows in an input or a summary: 1e-7, 0.01, 25, true. */
export function formatParamValue(v: ParamValue): string {
  if (typeof v !== 'number') return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5))
    return v
      .toExponential()
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}
