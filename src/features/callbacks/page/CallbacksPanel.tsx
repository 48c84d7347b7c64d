// The callbacks panel: every callback of the registry with its switch and parameters, then the page's
// own plumbing, the live training loop and the run's timeline of changes (the LR finder has its own
// tab: CallbacksLrFinder).
import { useMemo } from 'react';
import { useStore } from '../../../app/store';
import { monitorsFor } from '../../../shared/params';
import './callbacks.css';
import { CallbacksLoop } from './CallbacksLoop';
import { CallbacksRow } from './CallbacksRow';
import { CallbacksTimeline } from './CallbacksTimeline';
import { UserCallbacksRows } from '../../user-callbacks/page/UserCallbacksRows';

export function CallbacksPanel() {
  const task = useStore((s) => s.dataset?.task ?? null);
  const monitors = monitorsFor(task);
  const catalog = useStore((s) => s.callbacks.catalog);
  const choices = useStore((s) => s.callbacks.choices);
  const refused = useStore((s) => s.callbacks.refused);
  // the registry's order: the defaults first
  const listed = useMemo(() => catalog.filter((c) => c.kind !== 'action' && c.kind !== 'plumbing'), [catalog]);
  const plumbing = useMemo(() => catalog.filter((c) => c.kind === 'plumbing'), [catalog]);
  const infos = useStore((s) => s.userCallbacks.infos);
  const userOn = useMemo(
    () =>
      new Set([
        ...Object.keys(choices).filter((k) => choices[k].enabled),
        ...Object.values(infos).flatMap((i) => (i.enabled ? [i.className] : [])),
      ]),
    [choices, infos],
  );
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
          <div className="cb-lists">
            <ul className="cb-list">
              {listed.map((info) => (
                <CallbacksRow key={info.name} info={info} choice={choices[info.name]} refused={refused[info.name]} />
              ))}
            </ul>
            <UserCallbacksRows />
            {plumbing.length > 0 && (
              <>
                <h3 className="cb-group">
                  Page plumbing{' '}
                  <span className="caption-note">not fastai's: the page installs these in every run to talk to the Learner</span>
                </h3>
                <ul className="cb-list" data-testid="cb-plumbing">
                  {plumbing.map((info) => (
                    <CallbacksRow key={info.name} info={info} choice={undefined} refused={refused[info.name]} />
                  ))}
                </ul>
              </>
            )}
          </div>
          <div className="cb-side">
            <CallbacksTimeline />
            <CallbacksLoop highlight={userOn} />
          </div>
        </div>
      </div>
      <datalist id="cb-monitors">
        {monitors.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
    </section>
  );
}
