import { describe, expect, it } from 'vitest';
import type { BackendInfo, BackendName } from '../messages';
import { deviceLostMessage, watchDeviceLoss, type LostInfo } from './device-loss';

describe('device loss', () => {
  it('stops the run, falls back to the first backend that starts, and says what happened', async () => {
    let lose!: (i: LostInfo) => void;
    const tried: BackendName[] = [];
    const log: string[] = [];
    let reported: { message: string; backend: BackendInfo | null } | null = null;
    watchDeviceLoss({
      lost: new Promise<LostInfo>((r) => (lose = r)),
      stopRun: () => log.push('stop'),
      setBackend: async (name) => (tried.push(name), name === 'wasm'),
      report: (message, backend) => (reported = { message, backend }),
    });
    lose({ reason: 'unknown', message: 'GPU process crashed' });
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['stop']);
    expect(tried).toEqual(['webgl', 'wasm']);
    expect(reported).toEqual({
      message:
        'The GPU device was lost (GPU process crashed). The current run stopped. Training moved to wasm: press Train to run again (reload the page to try WebGPU again).',
      backend: { name: 'wasm', fallbackReason: 'WebGPU: device lost (unknown)', adapter: null },
    });
  });

  it('says to reload when no backend starts', () => {
    expect(deviceLostMessage({ reason: 'destroyed' }, null)).toBe(
      'The GPU device was lost (destroyed). The current run stopped. No other backend could start: reload the page.',
    );
  });
});
