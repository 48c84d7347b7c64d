// The link's prefixed rows: `cb.<Name>` an enabled callback's parameters, `code.<Name>` a user callback's source (text only).
import type { ParamValues } from '../../callbacks/messages';
import type { UrlPrefixRow } from './url-state';
import { clip, parseJson } from './url-text';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** One callback's source in a link, at most. */
export const MAX_CODE_CHARS = 12_000;
/** User callbacks in one link, at most. */
export const MAX_CODE_CALLBACKS = 4;

/** Enabled callbacks: `cb.<Name>={"param":value}` (checked against the worker's catalog by `checkCallbacks`). */
export const CALLBACKS_ROW: UrlPrefixRow = {
  prefix: 'cb.',
  entries: (s) => Object.entries(s.callbacks).map(([name, params]) => [name, JSON.stringify(params)]),
  read: (s, name, raw, ignored) => {
    const params = parseJson(raw);
    if (!NAME.test(name) || !isPlainObject(params)) {
      ignored.push(`callback "${clip(name)}" (unreadable)`);
      return s;
    }
    const values: ParamValues = {};
    for (const [k, v] of Object.entries(params)) {
      if (NAME.test(k) && (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string')) values[k] = v;
      else ignored.push(`${name}.${clip(k)} (not a plain value)`);
    }
    return { ...s, callbacks: { ...s.callbacks, [name]: values } };
  },
};

/**
 * User callbacks' source: `code.<ClassName>=<TypeScript>` (URLSearchParams escapes it). Read as
 * text only: a valid class name, at most MAX_CODE_CHARS characters, at most MAX_CODE_CALLBACKS.
 */
export const CODE_ROW: UrlPrefixRow = {
  prefix: 'code.',
  entries: (s) => Object.entries(s.code ?? {}),
  read: (s, name, raw, ignored) => {
    const code = s.code ?? {};
    if (!NAME.test(name)) ignored.push(`code "${clip(name)}" (not a class name)`);
    else if (Object.hasOwn(code, name)) ignored.push(`code "${name}" (given twice: the first is kept)`);
    else if (raw.length > MAX_CODE_CHARS) ignored.push(`code "${name}" (longer than ${MAX_CODE_CHARS} characters)`);
    else if (Object.keys(code).length >= MAX_CODE_CALLBACKS)
      ignored.push(`code "${name}" (more than ${MAX_CODE_CALLBACKS} callbacks in one link)`);
    else return { ...s, code: { ...code, [name]: raw } };
    return s;
  },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
