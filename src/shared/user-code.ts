// The shape of a user callback's compiled module, defined once for the page (which compiles) and
// the worker (which loads it and maps its errors back to the user's lines). The user's code is
// the body of one function that receives what is in scope and returns the class:
//
//   export default function (api) { const { Callback, tf, … } = api;
//   <the user's code, transpiled line for line>
//   ;return GradNorm; }
//
// so line n of the user's source is line n + USER_CODE_LINE_OFFSET of the module.

import { CANCEL_NAMES } from './events';

/** Every name in a user callback's scope besides the standard globals (docs/callbacks.md). */
export const USER_SCOPE_NAMES = ['Callback', 'tf', ...CANCEL_NAMES, 'globalNorm', 'crossEntropyLoss', 'mseLoss'] as const;

export type UserScopeName = (typeof USER_SCOPE_NAMES)[number];

export const USER_CODE_LINE_OFFSET = 1;

/** The module text for the user's transpiled code whose callback class is `className`. */
export function wrapUserModule(js: string, className: string): string {
  const header = `export default function (api) { const { ${USER_SCOPE_NAMES.join(', ')} } = api;`;
  return `${header}\n${js}\n;return ${className}; }\n`;
}

/** The user's line and column of the first stack frame inside the module at `url`, or null. */
export function userLocation(stack: string | undefined, url: string): { line: number; column: number } | null {
  if (!stack) return null;
  for (const frame of stack.split('\n')) {
    const at = frame.lastIndexOf(url);
    if (at < 0) continue;
    const m = /^:(\d+):(\d+)/.exec(frame.slice(at + url.length));
    if (!m) continue;
    const line = Number(m[1]) - USER_CODE_LINE_OFFSET;
    if (line >= 1) return { line, column: Number(m[2]) };
  }
  return null;
}

/**
 * The call beacon: an Int32Array over a SharedArrayBuffer the page made, written by the worker
 * around every user handler call (four atomic stores, no message). The page reads it while the
 * worker is silent to name the handler that has not returned.
 */
export const BEACON = { calls: 0, running: 1, slot: 2, event: 3, length: 4 } as const;
