import type { FormEvent } from 'react';
import { startTraining, stopTraining } from '../worker-bridge';
import { useStore } from '../store';
import { SETTINGS } from '../store/settings-slice';

export function SettingsForm() {
  const settings = useStore((s) => s.settings);
  const setSetting = useStore((s) => s.setSetting);
  const runState = useStore((s) => s.runState);
  const workerState = useStore((s) => s.workerState);
  const training = runState === 'training';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!training) startTraining(useStore.getState().settings);
  };

  return (
    <form className="panel settings" onSubmit={onSubmit} data-testid="settings-form">
      <h2>Settings</h2>
      <p className="muted">3-arm spiral · 2 × ReLU MLP · Adam · cross entropy</p>
      {SETTINGS.map((spec) => (
        <label key={spec.key} className="field">
          <span className="field-label">{spec.label}</span>
          <input
            type="number"
            data-testid={`setting-${spec.key}`}
            min={spec.min}
            max={spec.max}
            step={spec.step}
            value={settings[spec.key]}
            disabled={training}
            onChange={(e) => setSetting(spec.key, e.currentTarget.valueAsNumber)}
          />
          <span className="field-hint">{spec.hint}</span>
        </label>
      ))}
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
