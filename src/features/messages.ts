// Every message that crosses the page <-> worker boundary: the union of each feature's own
// messages (defined in src/features/<feature>/messages.ts). Plain data only: no classes, tensors
// or functions. The worker's router takes each type in exactly one handler (a type no handler
// takes is a compile error there).
import type { BackendPageToWorker, BackendTestMessage, BackendWorkerToPage } from './backend/messages';
import type { CallbacksPageToWorker, CallbacksWorkerToPage } from './callbacks/messages';
import type { DebuggerPageToWorker, DebuggerWorkerToPage } from './debugger/messages';
import type { LrFinderPageToWorker, LrFinderWorkerToPage } from './lr-finder/messages';
import type { PicturesWorkerToPage } from './pictures/messages';
import type { RunPageToWorker, RunWorkerToPage } from './run/messages';
import type { SetupPageToWorker, SetupWorkerToPage } from './setup/messages';
import type { SharePageToWorker, ShareWorkerToPage } from './share/messages';
import type { UserCallbacksPageToWorker, UserCallbacksWorkerToPage } from './user-callbacks/messages';

export type PageToWorker =
  | RunPageToWorker
  | SetupPageToWorker
  | BackendPageToWorker
  | BackendTestMessage
  | CallbacksPageToWorker
  | LrFinderPageToWorker
  | DebuggerPageToWorker
  | SharePageToWorker
  | UserCallbacksPageToWorker;

export type WorkerToPage =
  | RunWorkerToPage
  | SetupWorkerToPage
  | BackendWorkerToPage
  | PicturesWorkerToPage
  | CallbacksWorkerToPage
  | LrFinderWorkerToPage
  | DebuggerWorkerToPage
  | ShareWorkerToPage
  | UserCallbacksWorkerToPage;

export type PageMessageType = PageToWorker['type'];
export type WorkerMessageType = WorkerToPage['type'];
