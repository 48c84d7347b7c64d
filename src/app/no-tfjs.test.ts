// The page never imports tfjs: training runs in the worker. (tsconfig.app.json also
// makes '@tensorflow/*' unresolvable in src/app; this test gives the clear message.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = join(import.meta.dirname, '.');
// Every module specifier: `from 'x'`, `import 'x'`, `import('x')`.
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;
const FORBIDDEN = /^@tensorflow\/|^(\.\.\/)+(learner|callbacks|data|models|worker)(\/|$)/;
/** Plain-data engine modules the page may import (checked below to pull in no tfjs). */
const ALLOWED = /^(\.\.\/)+data\/synthetic$/;
const SRC = join(APP, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.(test|d)\.ts$/.test(name) ? [path] : [];
  });
}

describe('the page (src/app)', () => {
  it('imports neither tfjs nor engine or worker modules', () => {
    const files = sources(APP);
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(SPECIFIER)]
        .map((m) => m[1])
        .filter((spec) => FORBIDDEN.test(spec) && !ALLOWED.test(spec))
        .map((spec) => `${relative(APP, f)} imports '${spec}'`),
    );
    expect(offenders, `src/app must talk to the engine only through the worker:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('imports only plain-data engine modules, which import no tfjs, even indirectly', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        expect(spec, `${relative(SRC, file)} imports '${spec}'`).not.toMatch(/^@tensorflow\//);
        if (spec.startsWith('.')) visit(join(file, '..', `${spec}.ts`));
      }
    };
    visit(join(SRC, 'data/synthetic.ts'));
    expect(seen.size).toBeGreaterThan(2);
  });
});
