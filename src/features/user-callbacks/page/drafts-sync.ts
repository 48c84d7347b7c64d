// Keeps the person's callback drafts across reloads: loads the saved ones at start (before any a
// link brought, which stay as they are and are never stored), then writes the list, debounced,
// whenever it changes. Nothing is sent to the worker here: a restored draft is not added until
// the person presses Add. Without IndexedDB (a private window) or with storage full it says so
// once on the console, and the editor works unsaved.
import { useStore } from '../../../app/store';
import { openDraftsDb, toDraftsDbError, type DraftsDb } from './drafts-db';
import type { UserDraft } from './user-callbacks-slice';

export const WRITE_DELAY_MS = 400;

/** What a write would store (a write of the same is skipped): the own drafts' stored fields. */
function storedKey(drafts: readonly UserDraft[]): string {
  return JSON.stringify(drafts.filter((d) => !d.fromLink).map((d) => [d.id, d.source, d.title, d.enabled]));
}

/** The saved drafts first, then the ones already in the store (a link's code, or one made meanwhile). */
export function mergeDrafts(saved: readonly UserDraft[], current: readonly UserDraft[]): UserDraft[] {
  const ids = new Set(saved.map((d) => d.id));
  return [...saved, ...current.filter((d) => !ids.has(d.id))];
}

/** Loads the saved drafts into the store and saves the drafts as they change. Returns the stop (which writes what is pending). */
export function syncDrafts(factory: IDBFactory | undefined = globalThis.indexedDB): () => void {
  let db: DraftsDb | null = null;
  let stopped = false;
  let warned = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastKey: string | null = null;
  let queue: Promise<void> = Promise.resolve();

  const warn = (err: unknown) => {
    if (warned) return;
    warned = true;
    console.warn(`${toDraftsDbError(err).message} (your callbacks are kept until the page closes)`);
  };

  const write = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const d = db;
    if (!d) return;
    const drafts = useStore.getState().userCallbacks.drafts;
    const key = storedKey(drafts);
    if (key === lastKey) return;
    lastKey = key;
    queue = queue
      .then(() => d.putAll(drafts))
      .catch((err: unknown) => {
        lastKey = null; // try again at the next change
        warn(err);
      });
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, WRITE_DELAY_MS);
  };

  const unsub = useStore.subscribe((s, prev) => {
    if (db && s.userCallbacks.drafts !== prev.userCallbacks.drafts) schedule();
  });

  const onHide = () => write();

  void openDraftsDb(factory)
    .then(async (d) => {
      let saved: UserDraft[];
      try {
        saved = await d.all();
      } catch (err) {
        d.close(); // unreadable: never written over
        throw err;
      }
      if (stopped) return d.close();
      const current = useStore.getState().userCallbacks.drafts;
      lastKey = storedKey(saved);
      db = d;
      if (saved.length) useStore.getState().setUserDrafts(mergeDrafts(saved, current));
      if (current.some((x) => !x.fromLink)) schedule(); // made before the saved ones came: stored with them
      globalThis.addEventListener?.('pagehide', onHide);
    })
    .catch(warn);

  return () => {
    stopped = true;
    unsub();
    globalThis.removeEventListener?.('pagehide', onHide);
    if (timer) write();
    const d = db;
    db = null;
    if (d) void queue.then(() => d.close());
  };
}
