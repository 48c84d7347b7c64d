import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../../setup/setup-rules';
import { fastaiScript } from './fastai-script';
import { fastaiUserCallbacks, methodBody, type FastaiUserCallback } from './fastai-user-callbacks';

const GRAD_NORM = `class GradNorm extends Callback {
  order = 50;
  private every = 10;
  after_backward() {
    const norm = globalNorm(this.learn.grads);
    this.log('grad_norm', norm);
    norm.dispose();
  }
}
`;
const gradNorm: FastaiUserCallback = { className: 'GradNorm', order: 50, events: ['after_backward'], source: GRAD_NORM };

const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import ast'], { stdio: 'ignore' }).status === 0);

/** The skeleton's lines that are code, not comments: the class line, `order = …`, `def …(self):` and `pass`. */
const STRUCTURE = /^(class [A-Za-z_][A-Za-z0-9_]*\(Callback\):| {4}order = -?[0-9.e+-]+| {4}def [a-z_]+\(self\):| {8}pass|)$/;

describe('user callbacks as fastai skeletons', () => {
  it('GradNorm: the class, its order, after_backward with the JavaScript body as comments, then pass', () => {
    const { lines, cbs } = fastaiUserCallbacks([gradNorm]);
    expect(lines).toEqual([
      '# GradNorm: your callback from the page, as a skeleton that runs and does nothing. Under each method',
      '# is its JavaScript body, as comments: port it to Python (this.learn.loss -> self.learn.loss, tf -> torch).',
      'class GradNorm(Callback):',
      '    order = 50',
      '    def after_backward(self):',
      '        #   const norm = globalNorm(this.learn.grads);',
      "        #   this.log('grad_norm', norm);",
      '        #   norm.dispose();',
      '        pass',
      '',
    ]);
    expect(cbs).toEqual(['GradNorm()']);
  });

  it('finds async handlers and matches braces past strings, templates, comments and regexes', () => {
    const source = `// class Decoy extends Callback { after_batch() { no } }
class Other extends Callback { after_batch() { return 'other'; } }
class Watch extends Callback {
  order = -5
  private seen = new Map<string, { n: number }>();
  label = '}{';
  // after_batch() { a commented-out decoy }
  /* before_fit() { another } */
  before_fit(): void {
    this.seen.clear(); // a } in a comment
  }

  async after_batch(): Promise<void> {
    const s = \`loss \${JSON.stringify({ v: this.learn.loss })} }\`;
    if (/[{}]+/.test(s)) { console.log("}", '{', s); }
    /* } */
  }
  after_epoch() { this.seen.set('e', { n: 1 }); }
  after_fit() {}
}
`;
    expect(methodBody(source, 'Watch', 'before_fit')).toEqual(['this.seen.clear(); // a } in a comment']);
    expect(methodBody(source, 'Watch', 'after_batch')).toEqual([
      'const s = `loss ${JSON.stringify({ v: this.learn.loss })} }`;',
      'if (/[{}]+/.test(s)) { console.log("}", \'{\', s); }',
      '/* } */',
    ]);
    expect(methodBody(source, 'Watch', 'after_epoch')).toEqual(["this.seen.set('e', { n: 1 });"]);
    expect(methodBody(source, 'Watch', 'after_fit')).toEqual([]);
    expect(methodBody(source, 'Watch', 'after_step')).toBeNull();
    expect(methodBody(source, 'Missing', 'after_batch')).toBeNull();

    const { lines } = fastaiUserCallbacks([
      { className: 'Watch', order: -5, events: ['before_fit', 'after_batch', 'after_fit', 'after_step'], source },
    ]);
    expect(lines.slice(2)).toEqual([
      'class Watch(Callback):',
      '    order = -5',
      '    def before_fit(self):',
      '        #   this.seen.clear(); // a } in a comment',
      '        pass',
      '    def after_batch(self):',
      '        #   const s = `loss ${JSON.stringify({ v: this.learn.loss })} }`;',
      '        #   if (/[{}]+/.test(s)) { console.log(\\"}\\", \'{\', s); }',
      '        #   /* } */',
      '        pass',
      '    def after_fit(self):',
      '        # (empty in JavaScript)',
      '        pass',
      '    def after_step(self):',
      '        # (its JavaScript body was not found in the source: see the page)',
      '        pass',
      '',
    ]);
  });

  it('a hostile body stays entirely commented: every line but the class, order, def and pass lines starts with #', () => {
    const source = [
      'class Evil extends Callback {',
      '  after_batch() {',
      '    /* a comment',
      "*/ import os; os.system('x')",
      '"""',
      "import os; os.system('x')",
      "\\n# evil\nimport os; os.system('x') \r  os.system('y')\u2028os.system('z')\u0085",
      '\tpass',
      '    ',
      "')])}'",
      '  }',
      '}',
    ].join('\n');
    const { lines } = fastaiUserCallbacks([{ className: 'Evil', order: 0, events: ['after_batch'], source }]);
    const code = lines.filter((l) => STRUCTURE.test(l));
    expect(code).toEqual(['class Evil(Callback):', '    order = 0', '    def after_batch(self):', '        pass', '']);
    for (const l of lines) if (!STRUCTURE.test(l)) expect(l.trimStart(), l).toMatch(/^# /);
    expect(lines.join('\n')).toMatch(/^[\n -~]*$/); // printable ASCII: no line break Python would see
    expect(lines).toContain("        #   */ import os; os.system('x')");
    expect(lines).toContain("        #   ')])}'"); // the whole body

    // and Python agrees: the same statements as an empty body
    if (PYTHON) {
      const benign = fastaiUserCallbacks([{ ...gradNorm, className: 'Evil', order: 0, events: ['after_batch'], source: '' }]).lines;
      const dump = (src: string) =>
        spawnSync(PYTHON, ['-c', 'import ast, sys; print(ast.dump(ast.parse(sys.stdin.read())))'], { input: src, encoding: 'utf8' });
      const [a, b] = [dump(lines.join('\n')), dump(benign.join('\n'))];
      expect(a.status, a.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
  });

  it('refuses a class name that is not a Python identifier, a keyword or taken, a non-finite order and an unknown event', () => {
    const one = (cb: Partial<FastaiUserCallback>, taken?: Set<string>) => () => fastaiUserCallbacks([{ ...gradNorm, ...cb }], taken);
    expect(one({ className: 'Grad$Norm' })).toThrow(/"Grad\$Norm".*not a Python identifier/);
    expect(one({ className: 'Grad\nimport os' })).toThrow(/not a Python identifier/);
    expect(one({ className: 'Ärger' })).toThrow(/not a Python identifier/);
    expect(one({ className: 'lambda' })).toThrow(/"lambda".*Python keyword/);
    expect(one({ className: 'None' })).toThrow(/Python keyword/);
    expect(one({ className: 'Learner' }, new Set(['Learner']))).toThrow(/"Learner".*already uses/);
    expect(one({ className: 'Callback' })).toThrow(/already uses/);
    expect(one({ className: 'Recorder' })).toThrow(/learn\.recorder/);
    expect(one({ className: 'ModelCallback' })).toThrow(/learn\.model/);
    expect(one({ order: NaN })).toThrow(/order \(NaN\) is not a finite number/);
    expect(one({ order: Infinity })).toThrow(/not a finite number/);
    expect(one({ events: ['after_backward', 'after_backward(self): pass\nimport os\n'] })).toThrow(/not a fastai event/);
    expect(() => fastaiUserCallbacks([gradNorm, gradNorm])).toThrow(/two callbacks/);
    expect(fastaiUserCallbacks([{ ...gradNorm, order: 2.5 }]).lines).toContain('    order = 2.5');
  });

  it('fastaiScript defines the skeletons above the Learner and adds them to cbs, after the fastai callbacks', () => {
    const watch: FastaiUserCallback = {
      className: 'Watch',
      order: 0,
      events: ['after_batch'],
      source: 'class Watch extends Callback { async after_batch() { this.n++; } }',
    };
    const text = fastaiScript({
      setup: DEFAULT_SETUP,
      callbacks: { GradientClip: { maxNorm: 2 } },
      userCallbacks: [gradNorm, watch],
    });
    expect(text).toContain('\nclass GradNorm(Callback):\n    order = 50\n    def after_backward(self):\n');
    expect(text).toContain('\nclass Watch(Callback):\n    order = 0\n    def after_batch(self):\n        #   this.n++;\n        pass\n');
    expect(text).toContain('cbs=[GradientClip(max_norm=2.0), GradNorm(), Watch()])');
    expect(text.indexOf('class GradNorm')).toBeLessThan(text.indexOf('learn = Learner('));
    expect(fastaiScript({ setup: DEFAULT_SETUP, callbacks: {}, userCallbacks: [gradNorm] })).toContain('cbs=[GradNorm()])');
    // none: the script as before
    expect(fastaiScript({ setup: DEFAULT_SETUP, callbacks: {}, userCallbacks: [] })).toBe(
      fastaiScript({ setup: DEFAULT_SETUP, callbacks: {} }),
    );
    // a class named like something the script uses is refused, naming it
    expect(() => fastaiScript({ setup: DEFAULT_SETUP, callbacks: {}, userCallbacks: [{ ...gradNorm, className: 'Adam' }] })).toThrow(
      /"Adam".*already uses/,
    );
  });
});
