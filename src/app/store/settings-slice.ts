// Settings: one declarative table drives the defaults, the form and the validation.
import type { StateCreator } from 'zustand';
import type { TrainConfig } from '../../protocol/messages';
import type { AppState } from './index';

export interface SettingSpec {
  key: keyof TrainConfig;
  label: string;
  min: number;
  max: number;
  step: number;
  /** One line on why it matters, shown as the field's hint. */
  hint: string;
}

/** The settings the form shows, in order. */
export const SETTINGS: readonly SettingSpec[] = [
  { key: 'epochs', label: 'Epochs', min: 1, max: 500, step: 1, hint: 'passes over the training set' },
  { key: 'lr', label: 'Learning rate', min: 0.0001, max: 1, step: 0.0001, hint: 'Adam step size' },
  { key: 'hiddenUnits', label: 'Hidden units', min: 1, max: 512, step: 1, hint: 'per hidden layer (2 layers)' },
  { key: 'batchSize', label: 'Batch size', min: 1, max: 1024, step: 1, hint: 'samples per step' },
];

export const DEFAULT_CONFIG: TrainConfig = {
  epochs: 30,
  lr: 0.01,
  hiddenUnits: 32,
  layers: 2,
  batchSize: 32,
  nPerClass: 100,
  nClasses: 3,
  noise: 0.2,
  seed: 42,
};

export interface SettingsSlice {
  settings: TrainConfig;
  setSetting: (key: keyof TrainConfig, value: number) => void;
  resetSettings: () => void;
}

/** Clamps to the spec's range; integers stay integers. NaN keeps the old value. */
export function clampSetting(key: keyof TrainConfig, value: number, old: number): number {
  if (!Number.isFinite(value)) return old;
  const spec = SETTINGS.find((s) => s.key === key);
  if (!spec) return value;
  const v = Math.min(spec.max, Math.max(spec.min, value));
  return Number.isInteger(spec.step) ? Math.round(v) : v;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  settings: DEFAULT_CONFIG,
  setSetting: (key, value) =>
    set((s) => ({ settings: { ...s.settings, [key]: clampSetting(key, value, s.settings[key]) } })),
  resetSettings: () => set({ settings: DEFAULT_CONFIG }),
});
