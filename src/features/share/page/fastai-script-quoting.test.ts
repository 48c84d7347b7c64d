// Hostile names through the exporter, then Python's own parser: every hostile string must come
// back as a string literal (or stay in its comment), and the script must have exactly the
// statements of the same export with harmless names.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../data/random';
import type { ParamValues } from '../../callbacks/messages';
import type { Setup } from '../../setup/messages';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { fastaiScript, type FastaiUserFile } from './fastai-script';

const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import ast, tokenize'], { stdio: 'ignore' }).status === 0);
if (!PYTHON) console.warn('python3 not found: the quoting fuzz test of the fastai script is skipped (install python3 to run it)');

const PIECES = [
  '\n',
  '\r',
  '\r\n',
  '"',
  "'",
  '\\',
  '"""',
  "'''",
  '\0',
  '\u2028',
  '\u2029',
  '\u0085',
  '\v',
  '\f',
  '\t',
  '#',
  '{x}',
  ')',
  '])',
  '\\\n',
  'é',
  '😀',
  '\ud800',
  '\udfff',
  "import os; os.system('echo PWNED')",
  '__import__("os").system("echo PWNED")',
  'lab',
  ' ',
];

/** Seeded hostile strings: the one from the report first, then random runs of the pieces above. */
function hostileNames(n: number): string[] {
  const rng = mulberry32(2028);
  const names = ["lab\nimport os; os.system('echo PWNED')\n#"];
  while (names.length < n) {
    const k = 1 + Math.floor(rng() * 6);
    names.push(Array.from({ length: k }, () => PIECES[Math.floor(rng() * PIECES.length)]).join(''));
  }
  return names;
}

const CSV_SETUP: Setup = { ...DEFAULT_SETUP, dataset: { kind: 'user', seed: 0, validPct: 0.2 } };
const IDX_SETUP: Setup = { ...CSV_SETUP, model: { kind: 'cnn', filters: 4, dense: 8 } };

/** A script with `s` in every place a name enters it, and the strings that must come back as literals. */
function exported(s: string, variant: number): { script: string; expect: string[] } {
  const tracker = { monitor: s, comp: 'less', minDelta: 0 };
  const callbacks: Record<string, ParamValues> = {
    EarlyStoppingCallback: { ...tracker, patience: 2 },
    CSVLogger: { fname: s, append: false },
    [`Unknown${s}`]: { p: s },
  };
  const userFile: FastaiUserFile =
    variant === 0
      ? { format: 'csv', file: s, label: s, task: 'classification', delimiter: s, header: true }
      : { format: 'idx', images: s, labels: `${s}.labels` };
  const setup = variant === 0 ? CSV_SETUP : IDX_SETUP;
  const expect = variant === 0 ? [s] : [s, `${s}.labels`];
  return { script: fastaiScript({ setup, callbacks, userFile }), expect };
}

// Parses every script; a script is bad if it does not parse, is not printable ASCII, lacks one of
// its strings as a literal, or differs from its reference in statements (string values aside), lines or comment lines.
const CHECK = String.raw`
import ast, json, re, sys
job = json.load(sys.stdin)
def shape(src, tree):
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str): n.value = '<s>'
    lines = src.split('\n')
    return ast.dump(tree), len(lines), sum(l.lstrip().startswith('#') for l in lines)
refs = [shape(src, ast.parse(src)) for src in job['refs']]
bad = []
for i, c in enumerate(job['cases']):
    src = c['script']
    try:
        if not re.fullmatch(r'[\n -~]*', src): raise ValueError('not printable ASCII')
        tree = ast.parse(src)
        consts = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        missing = [s for s in c['expect'] if s not in consts]
        if missing: raise ValueError('not a string literal: %r' % missing)
        if shape(src, tree) != refs[c['ref']]: raise ValueError('statements, lines or comments differ from the reference')
    except Exception as e:
        bad.append('%d: %s: %s' % (i, type(e).__name__, e))
print(json.dumps({'checked': len(job['cases']), 'bad': bad[:10], 'nBad': len(bad)}))
`;

describe.skipIf(!PYTHON)('the fastai script against hostile names (parsed by Python)', () => {
  it('2,000 hostile names: each only inside a string literal or a comment, no statement more or less', () => {
    const refs = [exported('benign', 0).script, exported('benign', 1).script];
    const cases = hostileNames(2000).map((s, i) => ({ ...exported(s, i % 2), ref: i % 2 }));
    const r = spawnSync(PYTHON!, ['-c', CHECK], { input: JSON.stringify({ refs, cases }), encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { checked: number; bad: string[]; nBad: number };
    expect(out.checked).toBe(2000);
    expect(out.bad).toEqual([]);
  });

  it('the check itself fails on a name pasted in unquoted', () => {
    const good = exported('benign', 0).script;
    const injected = good.replace('y_name = "benign"', "y_name = 'lab'\nimport os; os.system('echo PWNED')\n#'");
    const r = spawnSync(PYTHON!, ['-c', CHECK], {
      input: JSON.stringify({ refs: [good], cases: [{ script: injected, expect: [], ref: 0 }] }),
      encoding: 'utf8',
    });
    expect(JSON.parse(r.stdout).nBad).toBe(1);
  });
});
