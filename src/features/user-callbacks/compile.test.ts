import { describe, expect, it } from 'vitest';
import { compileUserCallback } from './compile';
import { USER_CODE_LINE_OFFSET, userLocation } from '../../shared/user-code';

describe('compileUserCallback', () => {
  it('strips the types and keeps every line where it was', () => {
    const src =
      'class GradNorm extends Callback {\n  order: number = 50;\n  private n: number = 0;\n  after_backward(): void {\n    this.n++;\n  }\n}';
    const r = compileUserCallback(src);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.className).toBe('GradNorm');
    const lines = r.js.split('\n');
    expect(lines[0]).toMatch(/^export default function \(api\) \{ const \{ Callback, tf, /);
    // user line n is module line n + offset
    expect(lines[2 - 1 + USER_CODE_LINE_OFFSET]).toBe('  order = 50;');
    expect(lines[5 - 1 + USER_CODE_LINE_OFFSET]).toBe('    this.n++;');
    expect(r.js.trimEnd().endsWith(';return GradNorm; }')).toBe(true);
  });

  it('marks a syntax error at its line and column (1-based)', () => {
    const r = compileUserCallback('class A extends Callback {\n  after_batch() {\n    const x = ;\n  }\n}');
    expect(r).toEqual({ ok: false, error: { message: 'Unexpected token', line: 3, column: 15 } });
  });

  it('asks for exactly one class extending Callback, and says imports are not needed', () => {
    expect(compileUserCallback('const x = 1;')).toMatchObject({
      ok: false,
      error: { line: 1, message: expect.stringMatching(/^No callback here/) },
    });
    expect(compileUserCallback('class A extends Callback {}\n\nclass B extends Callback {}')).toEqual({
      ok: false,
      error: { line: 3, column: 1, message: 'One callback per editor: A is already here; put B in a new one' },
    });
    expect(compileUserCallback("// helpers\nimport * as tf from '@tensorflow/tfjs';\nclass A extends Callback {}")).toEqual({
      ok: false,
      error: { line: 2, column: 1, message: '`import` is not available here: Callback, tf and the Cancel exceptions are already in scope' },
    });
  });

  it('accepts `export class` as in a file of its own, keeping the columns', () => {
    const r = compileUserCallback('export class A extends Callback {\n  after_fit() { this.log("x", 1); }\n}');
    expect(r.ok && r.className).toBe('A');
    expect(r.ok && r.js.split('\n')[1]).toBe('       class A extends Callback {');
  });
});

describe('userLocation', () => {
  const url = 'blob:http://localhost:5173/6a0f-1';
  it('finds the first frame of the module and maps its line to the user line', () => {
    const stack = `TypeError: x\n    at GradNorm.after_backward (${url}:5:12)\n    at Callback.callEvent (http://localhost:5173/assets/w.js:1:2)`;
    expect(userLocation(stack, url)).toEqual({ line: 5 - USER_CODE_LINE_OFFSET, column: 12 });
  });
  it('is null without a frame of the module', () => {
    expect(userLocation('Error\n    at f (http://localhost/x.js:1:1)', url)).toBeNull();
    expect(userLocation(undefined, url)).toBeNull();
  });
});
