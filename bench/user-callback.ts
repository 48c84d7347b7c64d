// A user callback as the worker installs one (src/features/user-callbacks/worker): a UserCallback
// with empty handlers at every batch event, its call beacon and tensor counting on, and the UserLog
// that reads what callbacks log. What it costs per batch is the wrapping, not how the class was
// loaded (a blob: module in the page), so the class is written here.
import { UserCallback } from '../src/callbacks/user-callback';
import { UserLog } from '../src/callbacks/user-log';
import type { Learner } from '../src/learner';
import { BEACON } from '../src/shared/user-code';
import { beaconWatch } from '../src/features/user-callbacks/worker/user-callbacks-feature';

class EmptyHandlers extends UserCallback {
  before_batch() {}
  after_pred() {}
  after_loss() {}
  after_backward() {}
  after_step() {}
  after_batch() {}
}

export function withUserCallback(learn: Learner): void {
  const beacon = new Int32Array(new SharedArrayBufferOrArrayBuffer(BEACON.length * 4));
  const log = new UserLog();
  const cb = new EmptyHandlers();
  cb.slot = 0;
  cb.sink = log;
  cb.watch = beaconWatch(() => beacon);
  learn.addCbs([log, cb]);
}

/** Shared memory where the page has it (cross-origin isolated), plain memory elsewhere: the same atomics. */
const SharedArrayBufferOrArrayBuffer: new (n: number) => ArrayBufferLike =
  typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;
