// Changing the data or the model while a run trains: ask first, then stop it cleanly (the
// run keeps its own copy of the setup, so nothing is half-applied).
import { useStore } from '../../../app/store';
import { stopTraining } from '../../run/page/run-actions';
import { runActive } from '../../run/page/run-slice';

/** True when the change may go ahead (nothing trains, or the user agreed to stop the run). */
export function mayChangeSetup(what: string): boolean {
  if (!runActive(useStore.getState())) return true;
  if (!window.confirm(`A run is training. Stop it and change the ${what}?`)) return false;
  stopTraining();
  return true;
}
