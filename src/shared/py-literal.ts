// The one way a value enters generated Python source (the exported fastai script): as a Python
// literal or inside a comment, escaped to printable ASCII so that no value, whatever it holds
// (newlines, quotes, backslashes, NUL, U+2028, '"""'), can end a string or a comment early.
// Plain functions; the page, the kinds' fastai mappings and the tests import them.

export type PyValue = string | number | boolean | null | readonly PyValue[];

export interface PyOptions {
  /** Print a whole number as a float (1 -> 1.0): for parameters fastai uses as floats (Beta(alpha)). */
  float?: boolean;
}

/** A Python literal for `v`: a string, a number (int, or float with `float`), True/False, None, or a tuple. */
export function py(v: PyValue, opts: PyOptions = {}): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v, opts.float ?? false);
  if (typeof v === 'string') return `"${escape(v)}"`;
  const items = v.map((x) => py(x, opts));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** A whole-line Python comment holding `text` (escaped: it cannot start a new line). */
export function pyComment(text: string): string {
  return `# ${escape(text)}`;
}

function pyNumber(v: number, float: boolean): string {
  // Not literals, but expressions that cannot hold anything else.
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : '-float("inf")';
  const text = String(Object.is(v, -0) ? 0 : v); // '1e-7', '1e+21', '0.05': valid Python as they are
  return float && /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** Printable ASCII stays; a quote and a backslash are escaped; everything else becomes \n, \xHH, \uHHHH or \UHHHHHHHH. */
function escape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x100) out += `\\x${hex(c, 2)}`;
    else if (c < 0x10000) out += `\\u${hex(c, 4)}`;
    else out += `\\U${hex(c, 8)}`;
  }
  return out;
}

const hex = (c: number, width: number) => c.toString(16).padStart(width, '0');
