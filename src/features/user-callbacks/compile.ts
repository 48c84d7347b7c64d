// Turns the TypeScript (or JavaScript) a user wrote into the module the worker loads: sucrase
// strips the types and keeps every line where it was, so errors map back line for line. Runs on
// the page (the editor marks a syntax error before anything is sent) and in Node tests; it only
// transforms text, it never runs it.
import { transform } from 'sucrase';
import type { UserCallbackCode } from './messages';
import { wrapUserModule } from '../../shared/user-code';

export interface CompileError {
  message: string;
  /** 1-based. */
  line: number;
  column: number;
}

export type CompileResult = { ok: true; js: string; className: string } | { ok: false; error: CompileError };

const CALLBACK_CLASS = /^[ \t]*(?:export[ \t]+)?class[ \t]+([A-Za-z_$][\w$]*)[ \t]+extends[ \t]+Callback\b/gm;
const MODULE_LINE = /^[ \t]*(import|export)\b(?![ \t]+class\b)/m;

function at(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** `export class X` is allowed (as in a file of its own): the keyword becomes spaces, columns stay. */
function withoutExport(source: string): string {
  return source.replace(/^([ \t]*)export([ \t]+class\b)/gm, (_, indent: string, rest: string) => `${indent}      ${rest}`);
}

export function compileUserCallback(source: string): CompileResult {
  const module = MODULE_LINE.exec(source);
  if (module) {
    const where = at(source, module.index + module[0].length - module[1].length);
    return {
      ok: false,
      error: { ...where, message: `\`${module[1]}\` is not available here: Callback, tf and the Cancel exceptions are already in scope` },
    };
  }
  const classes = [...source.matchAll(CALLBACK_CLASS)];
  if (classes.length === 0) {
    return {
      ok: false,
      error: {
        line: 1,
        column: 1,
        message: 'No callback here: write a class that extends Callback, e.g. `class GradNorm extends Callback { … }`',
      },
    };
  }
  if (classes.length > 1) {
    const second = at(source, classes[1].index);
    return {
      ok: false,
      error: { ...second, message: `One callback per editor: ${classes[0][1]} is already here; put ${classes[1][1]} in a new one` },
    };
  }
  const className = classes[0][1];
  let js: string;
  try {
    js = transform(withoutExport(source), { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (err) {
    const e = err as { message?: string; loc?: { line: number; column: number } };
    const message = (e.message ?? String(err)).replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, error: { message, line: e.loc?.line ?? 1, column: e.loc?.column ?? 1 } };
  }
  return { ok: true, js: wrapUserModule(js, className), className };
}

/** The code to send for `source`, or its first error. */
export function userCallbackCode(id: string, source: string): { code: UserCallbackCode } | { error: CompileError } {
  const r = compileUserCallback(source);
  return r.ok ? { code: { id, source, js: r.js, className: r.className } } : { error: r.error };
}
