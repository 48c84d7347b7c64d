import { describe, expect, it } from 'vitest';
import { SILENT_AFTER_S, lifeLockName, onWorkerGone, silentFor } from './worker-life';

/** One exclusive lock per name, granted in request order, as the Web Locks API does. */
function fakeLocks() {
  const held = new Map<string, Array<{ grant: () => void; signal?: AbortSignal }>>();
  return {
    request(name: string, a: unknown, b?: unknown) {
      const [options, callback] = (b ? [a, b] : [{}, a]) as [{ signal?: AbortSignal }, () => unknown];
      return new Promise((resolve, reject) => {
        const queue = held.get(name) ?? [];
        held.set(name, queue);
        const entry = {
          signal: options.signal,
          grant: () => Promise.resolve(callback()).then(resolve, reject),
        };
        options.signal?.addEventListener('abort', () => {
          const i = queue.indexOf(entry);
          if (i > 0) queue.splice(i, 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
        queue.push(entry);
        if (queue.length === 1) entry.grant();
      });
    },
    /** The holder of `name` is gone: the next request is granted. */
    release(name: string) {
      const queue = held.get(name)!;
      queue.shift();
      queue[0]?.grant();
    },
  };
}

describe('onWorkerGone', () => {
  it('fires when the worker lets its lock go, not before', async () => {
    const locks = fakeLocks();
    const name = lifeLockName();
    void locks.request(name, () => new Promise(() => {})); // the worker, for its life
    let gone = 0;
    onWorkerGone(name, () => gone++, locks);
    await Promise.resolve();
    expect(gone).toBe(0);
    locks.release(name);
    await Promise.resolve();
    expect(gone).toBe(1);
  });

  it('does not fire once cancelled', async () => {
    const locks = fakeLocks();
    const name = lifeLockName();
    void locks.request(name, () => new Promise(() => {}));
    let gone = 0;
    onWorkerGone(name, () => gone++, locks)();
    locks.release(name);
    await Promise.resolve();
    expect(gone).toBe(0);
  });

  it('without Web Locks, does nothing (and says nothing wrong)', () => {
    expect(() => onWorkerGone('x', () => {}, undefined)()).not.toThrow();
  });
});

describe('silentFor', () => {
  it(`counts silence only after ${SILENT_AFTER_S} s, and only while the worker should talk`, () => {
    expect(silentFor(10_000 + (SILENT_AFTER_S - 1) * 1000 + 999, 10_000, true)).toBeNull();
    expect(silentFor(10_000 + SILENT_AFTER_S * 1000, 10_000, true)).toBe(SILENT_AFTER_S);
    expect(silentFor(10_000 + 26_500, 10_000, true)).toBe(26);
    expect(silentFor(10_000 + 26_500, 10_000, false)).toBeNull();
  });
  it('names every lock afresh', () => {
    expect(lifeLockName()).not.toBe(lifeLockName());
  });
});
