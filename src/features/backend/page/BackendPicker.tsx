import type { BackendName } from '../messages';
import { useStore } from '../../../app/store';
import { post } from '../../../app/worker-client';
import { runActive } from '../../run/page/run-slice';

export function BackendPicker() {
  const backend = useStore((s) => s.backend);
  const backends = useStore((s) => s.backends);
  const busy = useStore((s) => runActive(s) || s.activity !== 'idle');
  if (!backend || backends.length < 2) return null;
  return (
    <label className="backend-picker" title={backend.adapter?.description || undefined}>
      <span className="muted">Backend</span>
      <select
        data-testid="backend-select"
        value={backend.name}
        disabled={busy}
        onChange={(e) => post({ type: 'set-backend', name: e.currentTarget.value as BackendName })}
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
