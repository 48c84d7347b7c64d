import type { Callback } from './callback';
import type { EventName } from './events';

/**
 * Watches the loop event by event (the debugger). The Learner awaits `beforeEvent`, so a monitor
 * can pause the loop there or throw a Cancel exception as if a callback had raised it at that event.
 * With no monitor attached the Learner pays one null check per event.
 */
export interface LoopMonitor {
  beforeEvent(event: EventName): void | Promise<void>;
  /** Each callback that handles `event`, after it ran: its wall time (JS time: GPU work is queued) and any error. */
  afterCallback(event: EventName, cb: Callback, ms: number, error: unknown): void;
  afterEvent(event: EventName): void | Promise<void>;
}
