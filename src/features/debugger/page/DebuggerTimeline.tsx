// The events of the current batch (or epoch) with the callbacks that ran at each, and the per-callback
// profile; the page's plumbing only with "show page plumbing".
import { useMemo } from 'react';
import { useStore } from '../../../app/store';
import { hidePlumbing } from '../../../shared/plumbing';
import type { DebugPause } from '../messages';

const ms = (v: number) => (v < 0.1 ? '<0.1 ms' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`);

const useShowPlumbing = () => useStore((s) => s.callbacks.showPlumbing);

export function DebuggerTimeline({ pause, paused }: { pause: DebugPause; paused: boolean }) {
  const show = useShowPlumbing();
  const timeline = useMemo(
    () => pause.timeline.map((e) => ({ ...e, callbacks: hidePlumbing(e.callbacks, (c) => c.name, show) })),
    [pause.timeline, show],
  );
  const last = timeline.length - 1;
  return (
    <div className="dbg-card dbg-timeline">
      <h3>
        Timeline <span className="caption-note">this batch · callbacks in the order they ran</span>
      </h3>
      <ol data-testid="dbg-timeline">
        {timeline.map((e, i) => (
          <li key={i} className={i === last ? (paused ? 'current' : 'current stale') : ''} data-testid="dbg-tl-event" data-event={e.event}>
            <div className="dbg-tl-head">
              <span className={`dbg-tl-dot ${e.event.startsWith('after_cancel') ? 'cancel' : ''}`} />
              <code>{e.event}</code>
              {i === last && <span className="dbg-here">{paused ? 'paused here' : 'last stop'}</span>}
            </div>
            {e.callbacks.length > 0 && (
              <ul className="dbg-cbs">
                {e.callbacks.map((c, j) => (
                  <li key={j} data-testid="dbg-tl-callback" className={c.error ? 'err' : ''}>
                    <span className="dbg-cb-name">{c.name}</span>
                    <span className="dbg-cb-ms">{ms(c.ms)}</span>
                    {c.changes.map((ch) => (
                      <span key={ch} className={`dbg-chip ${ch.startsWith('raised') ? 'raise' : ''}`}>
                        {ch}
                      </span>
                    ))}
                    {c.error && <span className="dbg-chip raise">{c.error}</span>}
                  </li>
                ))}
              </ul>
            )}
            {i === last && paused && <div className="dbg-cb-pending">its callbacks run when you step</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function DebuggerProfile({ pause }: { pause: DebugPause }) {
  const show = useShowPlumbing();
  const profile = useMemo(() => hidePlumbing(pause.profile, (p) => p.name, show), [pause.profile, show]);
  const max = Math.max(1e-9, ...profile.map((p) => p.totalMs));
  return (
    <div className="dbg-card dbg-profile" data-testid="dbg-profile">
      <h3>
        Callback profile <span className="caption-note">this run · JS time (GPU work is queued)</span>
      </h3>
      <table>
        <thead>
          <tr>
            <th>callback</th>
            <th>calls</th>
            <th>total</th>
            <th>max</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {profile.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td>{p.calls}</td>
              <td>{ms(p.totalMs)}</td>
              <td>{ms(p.maxMs)}</td>
              <td className="dbg-bar-cell">
                <span className="dbg-bar" style={{ width: `${(100 * p.totalMs) / max}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
