import { describe, expect, it } from 'vitest';
import { formatBytes, readStorageEstimate, storageLine } from './runs-storage';

describe('runs-storage', () => {
  it('says how much is used of what the browser allows', () => {
    expect(storageLine({ usage: 3_200_000, quota: 1_200_000_000 })).toBe('Runs use 3.2 MB of ~1.2 GB this browser allows');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
  });

  it('reads the estimate, null where the browser gives none', async () => {
    const storage = { estimate: () => Promise.resolve({ usage: 10, quota: 100 }) } as unknown as StorageManager;
    expect(await readStorageEstimate(storage)).toEqual({ usage: 10, quota: 100 });
    expect(await readStorageEstimate(undefined)).toBeNull();
    const failing = { estimate: () => Promise.reject(new Error('no')) } as unknown as StorageManager;
    expect(await readStorageEstimate(failing)).toBeNull();
  });
});
