import { describe, expect, it } from 'vitest';
import { py, pyComment } from './py-literal';

describe('py: values as Python literals', () => {
  it('numbers: ints stay ints, floats on request, exponents as Python reads them', () => {
    expect(py(3)).toBe('3');
    expect(py(1, { float: true })).toBe('1.0');
    expect(py(0.05)).toBe('0.05');
    expect(py(1e-7)).toBe('1e-7');
    expect(py(1e21, { float: true })).toBe('1e+21');
    expect(py(-0)).toBe('0');
    expect(py(NaN)).toBe('float("nan")');
    expect(py(-Infinity)).toBe('-float("inf")');
  });

  it('booleans, None and tuples', () => {
    expect(py(true)).toBe('True');
    expect(py(null)).toBe('None');
    expect(py([0.9, 0.9, 0.9], { float: true })).toBe('(0.9, 0.9, 0.9)');
    expect(py(['a'])).toBe('("a",)');
  });

  it('strings: printable ASCII only, so nothing in them can end the literal or the line', () => {
    expect(py('iris.csv')).toBe('"iris.csv"');
    expect(py("lab\nimport os; os.system('echo PWNED')\n#")).toBe('"lab\\nimport os; os.system(\'echo PWNED\')\\n#"');
    expect(py('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(py('"""')).toBe('"\\"\\"\\""');
    expect(py('\0\r\t\u2028\u2029\u0085é')).toBe('"\\x00\\r\\t\\u2028\\u2029\\x85\\xe9"');
    expect(py('😀\ud800')).toBe('"\\U0001f600\\ud800"');
  });

  it('comments: one line whatever the text holds', () => {
    expect(pyComment('NOTE: x\ny = 1')).toBe('# NOTE: x\\ny = 1');
    expect(pyComment('a\u2028b\rc')).toBe('# a\\u2028b\\rc');
  });
});
