// The backend measurement as the worker reports it: samples/s per backend for the setup it was
// asked for, and which backend would train that setup fastest here.
import type { StateCreator } from 'zustand';
import type { WorkerToPage } from '../../messages';
import type { AppState } from '../../../app/store';
import type { BackendName, BackendSpeed } from '../messages';

export interface BackendSpeeds {
  speeds: BackendSpeed[];
  done: boolean;
  /** What was measured, e.g. "MLP 2×32 · batch 64 on Spiral". */
  measuredFor: string;
}

export interface BackendSlice {
  backendSpeeds: BackendSpeeds | null;
  /** The user hid the emulation note and the figures (until the next measurement). */
  speedsHidden: boolean;
  /** A measurement was asked for (the worker's figures fill it in). */
  speedsRequested: (measuredFor: string) => void;
  dismissSpeeds: () => void;
}

export const createBackendSlice: StateCreator<AppState, [], [], BackendSlice> = (set) => ({
  backendSpeeds: null,
  speedsHidden: false,
  speedsRequested: (measuredFor) => set({ backendSpeeds: { speeds: [], done: false, measuredFor }, speedsHidden: false }),
  dismissSpeeds: () => set({ speedsHidden: true }),
});

export function reduce(s: BackendSlice, msg: WorkerToPage): Partial<BackendSlice> | null {
  if (msg.type !== 'backend-speeds') return null;
  return { backendSpeeds: { measuredFor: s.backendSpeeds?.measuredFor ?? '', speeds: msg.speeds, done: msg.done } };
}

/** The measured backend faster than `current` by the largest factor (at least `margin`×), or null. */
export function fasterBackend(
  speeds: readonly BackendSpeed[],
  current: BackendName,
  margin = 1.2,
): { name: BackendName; factor: number } | null {
  const base = speeds.find((s) => s.name === current)?.samplesPerSecond;
  if (!base) return null;
  let best: { name: BackendName; factor: number } | null = null;
  for (const s of speeds) {
    if (s.name === current || !s.samplesPerSecond) continue;
    const factor = s.samplesPerSecond / base;
    if (factor >= margin && (!best || factor > best.factor)) best = { name: s.name, factor };
  }
  return best;
}
