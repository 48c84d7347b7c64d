// The setup the next run trains: always valid (a refused input keeps its reason in `invalid`
// and never reaches `setup`), so Train can send it as is. The fields show this setup: setting a
// field from anywhere (a link, a reopened run, the LR finder) drops that field's refusal.
import type { StateCreator } from 'zustand';
import type { DatasetSetup, ModelSetup, Setup } from '../messages';
import { DEFAULT_SETUP } from '../setup-rules';
import type { AppState } from '../../../app/store';
import { settledRefusals } from './setup-form';

export interface SetupSlice {
  setup: Setup;
  /** Field id -> why its current text is refused. Train is disabled while any is here. */
  invalid: Record<string, string>;
  updateSetup: (patch: Partial<Omit<Setup, 'dataset' | 'model'>>) => void;
  setDataset: (dataset: DatasetSetup) => void;
  setModel: (model: ModelSetup) => void;
  setInvalid: (field: string, reason: string | null) => void;
  replaceSetup: (setup: Setup) => void;
}

export const createSetupSlice: StateCreator<AppState, [], [], SetupSlice> = (set) => ({
  setup: DEFAULT_SETUP,
  invalid: {},
  updateSetup: (patch) => set((s) => withSetup(s, { ...s.setup, ...patch }, Object.keys(patch))),
  setDataset: (dataset) => set((s) => withSetup(s, { ...s.setup, dataset })),
  setModel: (model) => set((s) => withSetup(s, { ...s.setup, model })),
  setInvalid: (field, reason) =>
    set((s) => {
      if ((s.invalid[field] ?? null) === reason) return {};
      const invalid = { ...s.invalid };
      if (reason) invalid[field] = reason;
      else delete invalid[field];
      return { invalid };
    }),
  replaceSetup: (setup) => set({ setup, invalid: {} }),
});

/** The store with a new setup, and the refusals of the fields it changed (or `set`, field ids) dropped. */
export function withSetup(
  s: Pick<SetupSlice, 'setup' | 'invalid'>,
  setup: Setup,
  set: readonly string[] = [],
): Pick<SetupSlice, 'setup' | 'invalid'> {
  return { setup, invalid: settledRefusals(s.invalid, s.setup, setup, set) };
}
