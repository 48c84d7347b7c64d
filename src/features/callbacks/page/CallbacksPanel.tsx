// The callbacks panel: every callback of the registry with its switch and parameters, the live
// training loop and the run's timeline of changes (the LR finder has its own tab: CallbacksLrFinder).
import { useMemo } from 'react';
import { useStore } from '../../../app/store';
import './callbacks.css';
import { CallbacksLoop } from './CallbacksLoop';
import { CallbacksRow } from './CallbacksRow';
import { CallbacksTimeline } from './CallbacksTimeline';

export function CallbacksPanel() {
  const catalog = useStore((s) => s.callbacks.catalog);
  const choices = useStore((s) => s.callbacks.choices);
  const refused = useStore((s) => s.callbacks.refused);
  // the registry's order: the defaults first
  const listed = useMemo(() => catalog.filter((c) => c.kind !== 'action'), [catalog]);
  const userOn = useMemo(() => new Set(Object.keys(choices).filter((k) => choices[k].enabled)), [choices]);
  const nOn = userOn.size;

  return (
    <section className="callbacks" data-testid="callbacks-panel">
      <div className="panel cb-panel">
        <header className="cb-header">
          <h2>Callbacks</h2>
          <span className="muted">
            {nOn === 0 ? 'defaults only' : `${nOn} on`} · switch them during a run: changes apply between batches
          </span>
        </header>
        <div className="cb-grid">
          <ul className="cb-list">
            {listed.map((info) => (
              <CallbacksRow key={info.name} info={info} choice={choices[info.name]} refused={refused[info.name]} />
            ))}
          </ul>
          <div className="cb-side">
            <CallbacksTimeline />
            <CallbacksLoop highlight={userOn} />
          </div>
        </div>
      </div>
      <datalist id="cb-monitors">
        <option value="valid_loss" />
        <option value="train_loss" />
        <option value="accuracy" />
      </datalist>
    </section>
  );
}
