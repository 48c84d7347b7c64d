// The one store, made of slices. Actions are callable outside React
// (useStore.getState().applyWorkerMessage(...)), which the worker bridge does.
import { create } from 'zustand';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';

export type AppState = SettingsSlice & RunSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createRunSlice(...a),
}));
