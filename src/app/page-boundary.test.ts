// The page never runs tfjs: training runs in the worker. Every page file (src/app and each
// feature's page/) may import plain modules (src/shared, a feature's messages, the registries'
// plain catalogs), but nothing it reaches, even indirectly, imports tfjs, a worker/ module or a
// kind's builder map.
// (tsconfig.app.json also makes '@tensorflow/*' unresolvable there; this test names the path.)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');
// Every module specifier: `from 'x'`, `import 'x'`, `import('x')`.
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

/**
 * The modules a source imports. A `?raw` import is the file's text (Vite's raw import: the debugger
 * shows the Learner's source), not its code: it runs nothing, so it is no import here.
 */
function imports(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map(([, spec]) => spec).filter((spec) => !/\?raw$/.test(spec));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.(test|test\.util|d)\.ts$/.test(name) ? [path] : [];
  });
}

function pageFiles(): string[] {
  const features = join(SRC, 'features');
  const pages = readdirSync(features)
    .map((f) => join(features, f, 'page'))
    .filter((d) => existsSync(d));
  return [join(SRC, 'app'), ...pages].flatMap(sources);
}

function resolveModule(from: string, spec: string): string | null {
  const base = join(from, '..', spec);
  for (const p of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(p)) return p;
  return null;
}

/** The chain of imports from a page file to the first forbidden module it reaches, or null. */
function forbiddenChain(start: string): string[] | null {
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const spec of imports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('@tensorflow/') || /kinds\/builders$/.test(spec)) return [...chain, spec];
      if (!spec.startsWith('.')) continue;
      const next = resolveModule(file, spec);
      if (!next) continue;
      const rel = relative(SRC, next);
      if (/(^|\/)worker\//.test(rel)) return [...chain, rel];
      const found = visit(next, [...chain, rel]);
      if (found) return found;
    }
    return null;
  };
  return visit(start, [relative(SRC, start)]);
}

describe('the page (src/app and src/features/*/page)', () => {
  it('reaches neither tfjs nor a worker module through any import', () => {
    const files = pageFiles();
    expect(files.length).toBeGreaterThan(30);
    const offenders = files.map(forbiddenChain).filter((c): c is string[] => c !== null);
    expect(
      offenders.map((c) => c.join(' → ')),
      'the page talks to tfjs only through the worker',
    ).toEqual([]);
  });

  it('reaches the plain catalogs of both registries (the forms and the link are built from them)', () => {
    const reached = new Set<string>();
    const walk = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const spec of imports(readFileSync(file, 'utf8'))) {
        const next = spec.startsWith('.') ? resolveModule(file, spec) : null;
        if (next) walk(next);
      }
    };
    pageFiles().forEach(walk);
    const rel = [...reached].map((f) => relative(SRC, f));
    expect(rel).toContain(join('models', 'kinds', 'catalog.ts'));
    expect(rel).toContain(join('data', 'kinds', 'catalog.ts'));
  });

  it('would catch a page file that reaches tfjs indirectly', () => {
    // the worker's session imports tfjs: a page file importing it must be named
    const chain = forbiddenChain(join(SRC, 'features/run/worker/session.ts'));
    expect(chain?.at(-1)).toBe('@tensorflow/tfjs');
  });

  it('takes a `?raw` import as text, and still follows a real import of the same file (which reaches tfjs)', () => {
    const raw = "import learnerSource from '../../../learner/learner.ts?raw';";
    const real = "import { Learner } from '../../../learner/learner';";
    expect(imports(raw)).toEqual([]);
    expect(imports(`${raw}\n${real}`)).toEqual(['../../../learner/learner']);
    expect(forbiddenChain(join(SRC, 'learner/learner.ts'))?.at(-1)).toMatch(/^@tensorflow\//);
    // the debugger's source view imports the Learner's text this way, and is a page file
    const view = join(SRC, 'features/debugger/page/LoopSource.tsx');
    expect(readFileSync(view, 'utf8')).toContain("from '../../../learner/learner.ts?raw'");
    expect(pageFiles()).toContain(view);
    expect(forbiddenChain(view)).toBeNull();
  });
});
