// The user's own callbacks (written in the page in TypeScript) as fastai 2.7 skeletons for the
// exported script: the class, its order, one method per event it handles whose body is `pass`
// under the JavaScript body as comments, to be ported by hand. Every value enters the script
// through py() / pyComment(): the class name and the events are checked, never quoted into code.
import { isEventName } from '../../../shared/events';
import { py, pyComment } from '../../../shared/py-literal';
import { callbackName } from '../../../shared/callback-names';

/** One user callback as the worker reported it, with the source the user wrote. */
export interface FastaiUserCallback {
  className: string;
  order: number;
  /** fastai's names of the events the class handles, e.g. ['after_backward']. */
  events: string[];
  /** The user's TypeScript. */
  source: string;
}

export interface FastaiUserCallbacks {
  /** The class definitions (and their comments), for the script above the Learner. */
  lines: string[];
  /** `GradNorm()`…, for `cbs=[...]`. */
  cbs: string[];
}

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

// fastai's Learner.add_cb does `setattr(learn, cb.name, cb)`: a callback whose name (GradNorm ->
// grad_norm) is one of these replaces the Learner's own (dir(Learner) and vars(learn) after a fit, fastai 2.7.18).
const LEARNER_ATTRS = new Set(
  (
    'add_cb add_cbs added_cbs all_batches cast_to_tensor cbs create_mbar create_opt default_cbs dl dls epoch export ' +
    'final_record fine_tune fit fit_flat_cos fit_one_cycle fit_sgdr freeze freeze_to get_preds iter load lock logger loss ' +
    'loss_func loss_grad loss_not_reduced lr lr_find metrics model model_dir moms n_epoch n_iter no_bar no_logging no_mbar ' +
    'one_batch opt opt_func ordered_cbs path pct_train pred predict progress recorder remove_cb remove_cbs removed_cbs save ' +
    'show_results show_training_loop smooth_loss splitter summary to_bf16 to_channelslast to_contiguous to_detach to_fp16 ' +
    'to_fp32 to_non_native_fp16 to_non_native_fp32 train_bn train_eval train_iter training tta unfreeze validate ' +
    'validation_context wd wd_bn_bias x xb y yb'
  ).split(' '),
);

/** The identifiers the code lines of a Python script use (comments left out, string contents not). */
export function pythonNames(script: string): Set<string> {
  const names = new Set<string>();
  for (const line of script.split('\n')) {
    if (line.trimStart().startsWith('#')) continue;
    for (const m of line.replace(/\s#.*$/, '').matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(m[0]);
  }
  return names;
}

/**
 * The skeletons of `list`, in its order. Refuses (throws) a class name that is not a plain ASCII
 * Python identifier, is a keyword, is one of `taken` (the names the rest of the script uses) or
 * another callback's, or whose fastai name is a Learner attribute; an order that is not a finite
 * number; an event that is not one of fastai's.
 */
export function fastaiUserCallbacks(list: readonly FastaiUserCallback[], taken: ReadonlySet<string> = new Set()): FastaiUserCallbacks {
  const lines: string[] = [];
  const cbs: string[] = [];
  const seen = new Set<string>();
  for (const cb of list) {
    const name = cb.className;
    const refuse = (why: string) => {
      throw new Error(`Cannot export the callback ${JSON.stringify(name)} to fastai: ${why}`);
    };
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      refuse('its class name is not a Python identifier (letters, digits and _ only): rename the class');
    if (PY_KEYWORDS.has(name)) refuse('its class name is a Python keyword: rename the class');
    if (name === 'Callback' || taken.has(name)) refuse('the script already uses that name: rename the class');
    if (seen.has(name)) refuse('two callbacks have that class name');
    if (LEARNER_ATTRS.has(callbackName(name)))
      refuse(`fastai would store it as learn.${callbackName(name)}, which is the Learner's own: rename the class`);
    if (typeof cb.order !== 'number' || !Number.isFinite(cb.order)) refuse(`its order (${String(cb.order)}) is not a finite number`);
    const bad = cb.events.find((e) => !isEventName(e));
    if (bad !== undefined) refuse(`${JSON.stringify(bad)} is not a fastai event`);
    seen.add(name);

    lines.push(
      pyComment(`${name}: your callback from the page, as a skeleton that runs and does nothing. Under each method`),
      pyComment('is its JavaScript body, as comments: port it to Python (this.learn.loss -> self.learn.loss, tf -> torch).'),
      `class ${name}(Callback):`,
      `    order = ${py(cb.order)}`,
    );
    for (const event of new Set(cb.events)) {
      const body = methodBody(cb.source, name, event);
      const text =
        body === null
          ? ['(its JavaScript body was not found in the source: see the page)']
          : body.length === 0
            ? ['(empty in JavaScript)']
            : body.map((l) => `  ${l}`);
      lines.push(`    def ${event}(self):`, ...text.map((t) => `        ${pyComment(t)}`), '        pass');
    }
    lines.push('');
    cbs.push(`${name}()`);
  }
  return { lines, cbs };
}

/**
 * The lines of the body of `className`'s method `event` in `source` (dedented, blank lines at the
 * ends dropped), or null when there is none: `event(` … `{` at the class-member level (async,
 * modifiers and a return type allowed), braces matched outside strings, templates, comments and regexes.
 */
export function methodBody(source: string, className: string, event: string): string[] | null {
  const open = classOpen(source, className);
  if (open < 0) return null;
  const close = matching(source, open);
  if (close < 0) return null;
  let depth = 0;
  let prev = '';
  let last = open;
  for (const i of codeChars(source, open + 1)) {
    if (i >= close) break;
    // a string, template or regex skipped just before: a value (a comment changes nothing)
    if (i > last + 1 && !/^\/[/*]/.test(source.slice(last + 1, i))) prev = 'v';
    last = i;
    const c = source[i];
    if (depth === 0 && c === event[0] && source.startsWith(event, i) && !isWord(source[i - 1]) && !isWord(source[i + event.length])) {
      // a member, not a call or a property access in an initializer
      if (!'.=,(:?!&|+-*/%<>[~^'.includes(prev) || prev === '') {
        const paren = nextCode(source, i + event.length);
        if (paren >= 0 && source[paren] === '(') {
          const body = bodyAfter(source, paren);
          if (body) return bodyLines(source.slice(body.open + 1, body.close));
        }
      }
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    if (!/\s/.test(c)) prev = c;
  }
  return null;
}

const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);

/** The `{` that opens `class <className>`'s body, or -1. */
function classOpen(source: string, className: string): number {
  const head = new RegExp(`^class\\s+${className.replace(/\$/g, '\\$')}(?![A-Za-z0-9_$])`);
  let found = false;
  for (const i of codeChars(source, 0)) {
    if (!found && source[i] === 'c' && !isWord(source[i - 1]) && head.test(source.slice(i, i + className.length + 64))) found = true;
    else if (found && source[i] === '{') return i;
  }
  return -1;
}

/** The body `{`…`}` after a parameter list `(`…`)`, or null when a `;` or `}` comes first (a declaration, an overload). */
function bodyAfter(source: string, paren: number): { open: number; close: number } | null {
  const end = matching(source, paren);
  if (end < 0) return null;
  for (const i of codeChars(source, end + 1)) {
    const c = source[i];
    if (c === ';' || c === '}') return null;
    if (c === '{') {
      const close = matching(source, i);
      return close < 0 ? null : { open: i, close };
    }
  }
  return null;
}

/** The first code character at or after `from`, or -1. */
function nextCode(source: string, from: number): number {
  for (const i of codeChars(source, from)) if (!/\s/.test(source[i])) return i;
  return -1;
}

/** The index of the bracket that closes the one at `open`, or -1. */
function matching(source: string, open: number): number {
  let depth = 0;
  for (const i of codeChars(source, open)) {
    const c = source[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') if (--depth === 0) return i;
  }
  return -1;
}

/**
 * The index of each character of code from `from` on: what is inside '…', "…", `…`, // and /* *\/
 * comments and regex literals is skipped (a template's ${…} is matched as code, and skipped too).
 */
function* codeChars(s: string, from: number): Generator<number> {
  let prev = '';
  let i = from;
  while (i < s.length) {
    const c = s[i];
    const n = s[i + 1];
    if (c === '/' && n === '/') {
      const e = s.indexOf('\n', i);
      i = e < 0 ? s.length : e;
    } else if (c === '/' && n === '*') {
      const e = s.indexOf('*/', i + 2);
      i = e < 0 ? s.length : e + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c && s[j] !== '\n') j += s[j] === '\\' ? 2 : 1;
      i = j + 1;
      prev = c;
    } else if (c === '`') {
      let j = i + 1;
      while (j < s.length && s[j] !== '`') {
        if (s[j] === '\\') j += 2;
        else if (s[j] === '$' && s[j + 1] === '{') {
          const e = matching(s, j + 1);
          j = e < 0 ? s.length : e + 1;
        } else j++;
      }
      i = j + 1;
      prev = c;
    } else if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) {
      // a regex literal: to the closing / (not one in a [...] class), on this line
      let j = i + 1;
      let inClass = false;
      while (j < s.length && s[j] !== '\n' && (inClass || s[j] !== '/')) {
        if (s[j] === '\\') j++;
        else if (s[j] === '[') inClass = true;
        else if (s[j] === ']') inClass = false;
        j++;
      }
      i = j + 1;
      prev = ')';
    } else {
      yield i;
      if (!/\s/.test(c)) prev = c;
      i++;
    }
  }
}

/** A body's text as lines: tabs as two spaces, blank lines at the ends dropped, the common indent removed. */
function bodyLines(body: string): string[] {
  const lines = body.replace(/\t/g, '  ').split(/\r\n|\r|\n/);
  // what follows the `{` on its line has no indent of its own
  const first = lines[0].trim() === '' ? null : lines.shift()!.trim();
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  const indent = (l: string) => l.length - l.trimStart().length;
  const cut = Math.min(...lines.filter((l) => l.trim() !== '').map(indent));
  const rest = lines.map((l) => l.slice(Math.min(cut, indent(l))).trimEnd());
  return first === null ? rest : [first, ...rest];
}
