// The setup the next run trains: always valid (a refused input keeps its reason in `invalid`
// and never reaches `setup`), so Train can send it as is.
import type { StateCreator } from 'zustand';
import type { DatasetSetup, ModelSetup, Setup } from '../messages';
import { DEFAULT_SETUP } from '../setup-rules';
import type { AppState } from '../../../app/store';

export interface SetupSlice {
  setup: Setup;
  /** Field id -> why its current text is refused. Train is disabled while any is here. */
  invalid: Record<string, string>;
  /** Bumped when the setup is replaced from outside the form (reset, test API): inputs re-read it. */
  setupVersion: number;
  updateSetup: (patch: Partial<Omit<Setup, 'dataset' | 'model'>>) => void;
  setDataset: (dataset: DatasetSetup) => void;
  setModel: (model: ModelSetup) => void;
  setInvalid: (field: string, reason: string | null) => void;
  replaceSetup: (setup: Setup) => void;
}

export const createSetupSlice: StateCreator<AppState, [], [], SetupSlice> = (set) => ({
  setup: DEFAULT_SETUP,
  invalid: {},
  setupVersion: 0,
  updateSetup: (patch) => set((s) => ({ setup: { ...s.setup, ...patch } })),
  setDataset: (dataset) => set((s) => ({ setup: { ...s.setup, dataset }, invalid: withoutPrefix(s.invalid, 'data-') })),
  setModel: (model) => set((s) => ({ setup: { ...s.setup, model }, invalid: withoutPrefix(s.invalid, 'model-') })),
  setInvalid: (field, reason) =>
    set((s) => {
      if ((s.invalid[field] ?? null) === reason) return {};
      const invalid = { ...s.invalid };
      if (reason) invalid[field] = reason;
      else delete invalid[field];
      return { invalid };
    }),
  replaceSetup: (setup) => set((s) => ({ setup, invalid: {}, setupVersion: s.setupVersion + 1 })),
});

function withoutPrefix(invalid: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(invalid).filter(([k]) => !k.startsWith(prefix)));
}
