import type { BackendName } from '../messages';
import { useStore } from '../../../app/store';
import { chooseBackend } from '../../../app/worker-bridge';

export function BackendPicker() {
  const backend = useStore((s) => s.backend);
  const backends = useStore((s) => s.backends);
  const runState = useStore((s) => s.runState);
  const running = runState === 'training' || runState === 'paused';
  if (!backend || backends.length < 2) return null;
  return (
    <label className="backend-picker" title={backend.adapter?.description || undefined}>
      <span className="muted">Backend</span>
      <select
        data-testid="backend-select"
        value={backend.name}
        disabled={running}
        onChange={(e) => chooseBackend(e.currentTarget.value as BackendName)}
      >
        {backends.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </label>
  );
}
