// The worker holds a Web Lock named after itself for as long as it lives: the page asks for the
// same lock, and is granted it the moment the worker is gone (closed, killed, crashed), busy or not.
interface LockManagerLike {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
}

/** Takes the lock for good; `held` runs once it is granted (the page must not ask for it before). */
export function holdLifeLock(name: string, locks: LockManagerLike | undefined, held: () => void): void {
  if (!name || !locks) return;
  void locks.request(name, () => {
    held();
    return new Promise<never>(() => {});
  });
}
