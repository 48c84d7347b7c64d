// No synchronous GPU reads in shipped code: on WebGPU they stall the whole queue
// (and the training loop with it). Read with `await tensor.data()`, batched.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;
const SYNC_READ = /\.(dataSync|arraySync|bufferSync)\s*\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.(test|test\.util|d)\.ts$/.test(name) ? [path] : [];
  });
}

describe('src/ (outside tests)', () => {
  it('never reads a tensor synchronously (dataSync / arraySync / bufferSync)', () => {
    const offenders = sources(SRC).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (SYNC_READ.test(line) ? [`${relative(SRC, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders, offenders.join('\n')).toEqual([]);
  });
});
