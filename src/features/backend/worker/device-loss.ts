// A lost GPU device (driver reset, GPU process crash, tab backgrounded too long) makes the webgpu
// backend unusable: say so, stop the run, and move to the next backend so the page keeps working.
import type { BackendInfo, BackendName } from '../messages';

export interface LostInfo {
  reason?: string;
  message?: string;
}

export function deviceLostMessage(info: LostInfo, next: BackendName | null): string {
  const why = [info.reason && info.reason !== 'unknown' ? info.reason : null, info.message || null].filter(Boolean).join(': ');
  const then = next
    ? `Training moved to ${next}: press Train to run again (reload the page to try WebGPU again).`
    : 'No other backend could start: reload the page.';
  return `The GPU device was lost${why ? ` (${why})` : ''}. The current run stopped. ${then}`;
}

export interface DeviceLossDeps {
  /** The webgpu backend's GPUDevice.lost promise, if the current backend is webgpu. */
  lost: Promise<LostInfo> | null;
  stopRun(): void;
  /** tf.setBackend: true when the backend initialised. */
  setBackend(name: BackendName): Promise<boolean>;
  report(message: string, backend: BackendInfo | null): void;
}

/** Waits for the device to be lost, then falls back to webgl, wasm, then cpu. */
export function watchDeviceLoss(deps: DeviceLossDeps): void {
  deps.lost?.then(async (info) => {
    deps.stopRun();
    let next: BackendName | null = null;
    for (const name of ['webgl', 'wasm', 'cpu'] as const) {
      if (await deps.setBackend(name).catch(() => false)) {
        next = name;
        break;
      }
    }
    const reason = `WebGPU: device lost${info.reason ? ` (${info.reason})` : ''}`;
    deps.report(deviceLostMessage(info, next), next ? { name: next, fallbackReason: reason, adapter: null } : null);
  });
}
