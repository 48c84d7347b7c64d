// Keeps every tab's Runs list true: after each write a tab names the run it changed on one
// BroadcastChannel, and the other tabs re-read that run from IndexedDB. Only a tab's own writes are
// announced (a channel never hears its own posts, and a re-read is not a write), so tabs cannot echo
// each other. A tab also says which run it is saving now, so the others show it running, not interrupted.
/// <reference lib="dom" />
// (the reference: the Node test project, lib ES2022 only, type-checks this file through its tests)
import type { SavedRun } from './runs-db';

export const RUNS_CHANNEL = 'learner-playground-runs';

export type RunsWrite = 'created' | 'epoch' | 'ended' | 'renamed' | 'deleted' | 'weights';

export type RunsMessage =
  | { type: RunsWrite; id: string }
  /** A tab that just opened asks which runs are being saved now. */
  | { type: 'hello' }
  /** The answer: this run is being saved in my tab. */
  | { type: 'live'; id: string };

export interface RunsSyncHost {
  /** The run as IndexedDB holds it now (null when it is gone). */
  read(id: string): Promise<SavedRun | null>;
  /** Another tab changed this run: here it is as saved (null: deleted). */
  got(id: string, run: SavedRun | null): void;
  /** Whether another tab is saving this run now. */
  live(id: string, live: boolean): void;
  /** The run this tab is saving now. */
  currentId(): string | null;
}

export interface RunsSync {
  announce(type: RunsWrite, id: string): void;
  close(): void;
}

/** Joins the channel (null without BroadcastChannel: the list is then true only for this tab). */
export function openRunsSync(host: RunsSyncHost, name = RUNS_CHANNEL): RunsSync | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(name);
  let closed = false;
  const post = (msg: RunsMessage) => {
    if (!closed) channel.postMessage(msg);
  };
  const reread = (id: string) =>
    host.read(id).then(
      (run) => !closed && host.got(id, run),
      () => {},
    );
  channel.onmessage = (e: MessageEvent<RunsMessage>) => {
    const msg = e.data;
    switch (msg.type) {
      case 'hello': {
        const id = host.currentId();
        if (id) post({ type: 'live', id });
        return;
      }
      case 'live':
        return host.live(msg.id, true);
      case 'deleted':
        host.live(msg.id, false);
        return host.got(msg.id, null);
      case 'created':
      case 'epoch':
      case 'ended':
        host.live(msg.id, msg.type !== 'ended');
        return void reread(msg.id);
      default:
        return void reread(msg.id);
    }
  };
  post({ type: 'hello' });
  return {
    announce: (type, id) => post({ type, id }),
    close: () => {
      closed = true;
      channel.close();
    },
  };
}

/** The list with this run replaced, added (newest first) or, for null, removed. */
export function withRun(runs: SavedRun[], id: string, run: SavedRun | null): SavedRun[] {
  const rest = runs.filter((r) => r.id !== id);
  if (!run) return rest;
  if (rest.length < runs.length) return runs.map((r) => (r.id === id ? run : r));
  return [...rest, run].sort((a, b) => b.createdAt - a.createdAt);
}
