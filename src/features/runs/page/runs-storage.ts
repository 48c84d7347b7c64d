// How much of the browser's storage this site uses, for the Runs tab: read after writes, never per batch.
/// <reference lib="dom" />
// (the reference: the Node test project, lib ES2022 only, type-checks this file through its tests)

export interface StorageEstimate {
  usage: number;
  quota: number;
}

/** The browser's estimate, or null where it gives none. */
export async function readStorageEstimate(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<StorageEstimate | null> {
  if (!storage?.estimate) return null;
  try {
    const { usage, quota } = await storage.estimate();
    return usage == null || !quota ? null : { usage, quota };
  } catch {
    return null;
  }
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i === 0 ? n.toFixed(0) : n.toFixed(1)} ${units[i]}`;
}

export function storageLine(e: StorageEstimate): string {
  return `Runs use ${formatBytes(e.usage)} of ~${formatBytes(e.quota)} this browser allows`;
}
