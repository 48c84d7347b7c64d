// The few host APIs the engine (learner, callbacks, data, models) may use.
// Both a Web Worker and Node provide them; the engine's tsconfig has no DOM,
// WebWorker or node lib, so anything else is a compile error there.
// (Only tsconfig.engine.json includes this file: the worker and test projects
// get the same names from lib.webworker / @types/node.)

interface EngineConsole {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}
declare const console: EngineConsole;

declare function setTimeout(handler: (...args: never[]) => void, timeout?: number): unknown;
declare function clearTimeout(id: unknown): void;
declare function queueMicrotask(callback: () => void): void;

interface EnginePerformance {
  now(): number;
  /** Absolute time (ms since the Unix epoch) of now() = 0: comparable across the page and the worker. */
  readonly timeOrigin: number;
}
declare const performance: EnginePerformance;

/** A file handle a message carries (the worker streams it in; the engine never reads one). */
interface Blob {
  readonly size: number;
}
