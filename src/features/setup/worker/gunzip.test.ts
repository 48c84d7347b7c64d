import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../data/errors';
import { gunzipCapped } from './gunzip';

describe('gunzipCapped', () => {
  it('gives back what was compressed', async () => {
    const data = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) % 251);
    expect(await gunzipCapped(gzipSync(data), 1 << 20)).toEqual(data);
  });

  it('stops a bomb at the cap, without expanding it all', async () => {
    // 64 MB of zeros: about 64 KB compressed
    const bomb = gzipSync(new Uint8Array(64 << 20));
    expect(bomb.byteLength).toBeLessThan(100_000);
    const before = process.memoryUsage().arrayBuffers;
    const err = await gunzipCapped(bomb, 1 << 20, 'zeros.idx3-ubyte.gz').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('too-large');
    expect((err as DataError).message).toBe(
      'zeros.idx3-ubyte.gz expands to more than 1 MB once decompressed; files up to 1 MB can be loaded',
    );
    // far less than the 64 MB it would have taken
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 << 20);
  });

  it('says a damaged or cut .gz is damaged (not "Failed to fetch")', async () => {
    const good = gzipSync(new Uint8Array(10_000).fill(7));
    const cut = good.subarray(0, good.byteLength - 12);
    const e1 = await gunzipCapped(cut, 1 << 20, 'labels.gz').catch((e: unknown) => e);
    expect((e1 as DataError).message).toBe('labels.gz is not a valid .gz file: its compressed data is damaged or cut short');
    const garbled = Uint8Array.from(good);
    garbled.fill(0xff, 10, 40);
    expect(((await gunzipCapped(garbled, 1 << 20, 'x.gz').catch((e: unknown) => e)) as DataError).code).toBe('bad-gzip');
  });
});
