import { useStore } from '../../../app/store';
import { isEmulatedAdapter, type BackendSpeed } from '../messages';
import { runActive } from '../../run/page/run-slice';
import { measureBackends, switchBackend } from './backend-actions';
import { fasterBackend } from './backend-slice';
import './backend.css';

/** When WebGPU runs on a CPU emulation: says so, and measures which backend trains this setup fastest here. */
export function BackendSpeeds() {
  const backend = useStore((s) => s.backend);
  const result = useStore((s) => s.backendSpeeds);
  const dismiss = useStore((s) => s.dismissSpeeds);
  const hidden = useStore((s) => s.speedsHidden);
  const busy = useStore((s) => runActive(s) || s.activity !== 'idle');
  const measuring = result !== null && !result.done;
  if (!backend || hidden) return null;
  const emulated = backend.name === 'webgpu' && isEmulatedAdapter(backend.adapter);
  if (!emulated && !result) return null;
  const better = result?.done ? fasterBackend(result.speeds, backend.name) : null;
  return (
    <div className="backend-speeds" data-testid="backend-speeds" role="status">
      {emulated && (
        <p className="backend-speeds-note">
          WebGPU is running on <b>{backend.adapter?.architecture || 'a software adapter'}</b>, a CPU emulation of a GPU: no GPU is in use,
          and another backend may train faster on this machine.
        </p>
      )}
      {result && (
        <div className="backend-speeds-result">
          <span className="muted">
            {measuring ? 'Measuring' : 'Measured'} {result.measuredFor}:
          </span>
          <ul>
            {result.speeds.map((s) => (
              <li key={s.name} data-testid={`backend-speed-${s.name}`} className={s.name === backend.name ? 'current' : undefined}>
                {speedText(s)}
              </li>
            ))}
            {measuring && <li className="muted">…</li>}
          </ul>
          {result.done && !better && result.speeds.length > 0 && <span className="muted">{backend.name} is the fastest here.</span>}
        </div>
      )}
      <div className="backend-speeds-actions">
        {better && (
          <button
            type="button"
            className="primary"
            data-testid="use-faster-backend"
            disabled={busy}
            onClick={() => switchBackend(better.name)}
          >
            Use {better.name} ({better.factor.toFixed(1)}× faster)
          </button>
        )}
        {!measuring && (
          <button type="button" data-testid="measure-backends" disabled={busy} onClick={measureBackends}>
            {result ? 'Measure again' : 'Compare backends for this model'}
          </button>
        )}
        {!measuring && (
          <button type="button" className="link" data-testid="hide-backend-speeds" onClick={dismiss}>
            Hide
          </button>
        )}
      </div>
    </div>
  );
}

function speedText(s: BackendSpeed): string {
  if (s.samplesPerSecond == null) return `${s.name}: — (${s.problem ?? 'no figure'})`;
  return `${s.name}: ${Math.round(s.samplesPerSecond).toLocaleString('en-US')} samples/s`;
}
