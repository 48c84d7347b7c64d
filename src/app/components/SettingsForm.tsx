import type { FormEvent } from 'react';
import { startTraining, stopTraining } from '../worker-bridge';
import { useStore } from '../store';

// Placeholder while the setup form is built (issue 3).
export function SettingsForm() {
  const setup = useStore((s) => s.setup);
  const runState = useStore((s) => s.runState);
  const workerState = useStore((s) => s.workerState);
  const training = runState === 'training';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!training) startTraining(useStore.getState().setup);
  };
  return (
    <form className="panel settings" onSubmit={onSubmit} data-testid="settings-form">
      <h2>Settings</h2>
      <p className="muted">{setup.epochs} epochs</p>
      <div className="buttons">
        <button type="submit" className="primary" data-testid="train-button" disabled={training || workerState === 'booting'}>
          {training ? 'Training…' : 'Train'}
        </button>
        <button type="button" data-testid="stop-button" disabled={!training} onClick={stopTraining}>
          Stop
        </button>
      </div>
    </form>
  );
}
