// The page's side of the call beacon (src/shared/user-code.ts): shared memory the worker writes
// around every user handler call. Read only while the worker is silent, to name the handler that
// has not returned. Needs a cross-origin isolated page (vite.config.ts sends the headers); without
// it there is no beacon and the page says only that the worker is silent.
import { BEACON } from '../../../shared/user-code';
import { EVENTS } from '../../../shared/events';

let view: Int32Array | null = null;

/** A new beacon for a new worker (null where the page cannot share memory). */
export function newBeacon(): SharedArrayBuffer | null {
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') {
    view = null;
    return null;
  }
  const buffer = new SharedArrayBuffer(BEACON.length * Int32Array.BYTES_PER_ELEMENT);
  view = new Int32Array(buffer);
  return buffer;
}

/** The user handler running now (its callback's slot and its event), or null. */
export function runningHandler(): { slot: number; event: string; calls: number } | null {
  if (!view || Atomics.load(view, BEACON.running) !== 1) return null;
  const event = EVENTS[Atomics.load(view, BEACON.event)];
  return event ? { slot: Atomics.load(view, BEACON.slot), event, calls: Atomics.load(view, BEACON.calls) } : null;
}
