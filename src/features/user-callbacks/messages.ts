// Callbacks the user writes in the page: the compiled code sent to the worker, what the worker
// made of it (its class, order, events, whether it is live), its runtime errors mapped back to the
// user's line, the tensors it left behind and the values it logged. Plain data only.

/** One user callback as the page keeps it: the source the user wrote and its compiled module. */
export interface UserCallbackCode {
  /** Stable across edits (an Update replaces the callback with this id). */
  id: string;
  source: string;
  /** The module `compileUserCallback` made of `source` (see user-code.ts). */
  js: string;
  /** The class that extends Callback, as the compile found it. */
  className: string;
}

/** What the worker knows of one user callback. */
export interface UserCallbackInfo {
  id: string;
  className: string;
  /** fastai's name: GradNorm → grad_norm. */
  name: string;
  order: number;
  /** The events it handles, in loop order. */
  events: string[];
  /** Added to every new fit, and to the running one. */
  enabled: boolean;
  /** Its slot in the call beacon (user-code.ts): the page names a stuck handler by it. */
  slot: number;
}

/** Where in the user's source something went wrong (1-based line and column). */
export interface UserCodeError {
  id: string;
  className: string;
  /** The event whose handler threw; null for a load error. */
  event: string | null;
  message: string;
  line: number | null;
  column: number | null;
}

/** Tensors one user callback created in its handlers and never disposed, counted over a fit. */
export interface UserCallbackLeak {
  id: string;
  className: string;
  count: number;
  /** By event: after_backward → 150. */
  byEvent: Record<string, number>;
}

export type { UserLogChunk } from '../../shared/callback-outputs';

export type UserCallbacksPageToWorker =
  /** Add a callback, or replace the one with this id (between batches while training; its state starts fresh). */
  | { type: 'user-cb-add'; code: UserCallbackCode; enabled: boolean }
  | { type: 'user-cb-remove'; id: string }
  | { type: 'user-cb-enable'; id: string; enabled: boolean }
  /** The page's call beacon (a SharedArrayBuffer, when the page is cross-origin isolated). */
  | { type: 'user-cb-beacon'; buffer: SharedArrayBuffer };

export type UserCallbacksWorkerToPage =
  /** Every user callback the worker holds; sent whenever that changes. */
  | { type: 'user-cb-state'; callbacks: UserCallbackInfo[] }
  /** A callback that did not load, or a handler that threw (the fit stopped the fastai way). */
  | { type: 'user-cb-error'; error: UserCodeError }
  /** At the end of a fit: the user callbacks that left tensors behind. */
  | { type: 'user-cb-leaks'; leaks: UserCallbackLeak[] };
