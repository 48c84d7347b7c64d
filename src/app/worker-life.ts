// Knows at once when the training worker is gone, busy or not: the worker holds a Web Lock named
// after itself while it lives (src/worker/life-lock.ts); the page's request for it is granted only
// when the worker is gone. Without Web Locks (an insecure context) the silence watchdog remains.
interface LockManagerLike {
  request(name: string, options: { signal: AbortSignal }, callback: () => Promise<unknown> | unknown): Promise<unknown>;
}

/** A fresh name for a worker's life lock. */
export function lifeLockName(): string {
  return `training-worker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Calls `gone` when the worker holding `name` is gone; call it after the worker spoke (it holds the lock by then). Returns the cancel. */
export function onWorkerGone(name: string, gone: () => void, locks: LockManagerLike | undefined = globalThis.navigator?.locks): () => void {
  if (!locks) return () => {};
  const abort = new AbortController();
  locks
    .request(name, { signal: abort.signal }, () => gone())
    .catch(() => {
      // aborted: we stopped watching
    });
  return () => abort.abort();
}

/** Seconds without a message from a worker that should be talking, before the page says so. */
export const SILENT_AFTER_S = 4;

/** How long the worker has said nothing while it should be talking, in whole seconds (null: not silent). */
export function silentFor(now: number, lastMessageAt: number, expectingMessages: boolean): number | null {
  if (!expectingMessages) return null;
  const s = Math.floor((now - lastMessageAt) / 1000);
  return s >= SILENT_AFTER_S ? s : null;
}
