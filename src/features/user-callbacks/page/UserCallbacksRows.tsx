// The user's callbacks in the Callbacks tab, beside the built-in ones: the same row (switch,
// order, events), with a link to their code.
import { useStore } from '../../../app/store';
import { enableUserCallback } from './user-callbacks-actions';

export function UserCallbacksRows() {
  const drafts = useStore((s) => s.userCallbacks.drafts);
  const infos = useStore((s) => s.userCallbacks.infos);
  const select = useStore((s) => s.selectUserDraft);
  const show = useStore((s) => s.showWorkbenchTab);
  const added = drafts.flatMap((d) => (infos[d.id] ? [{ draft: d, info: infos[d.id] }] : []));
  return (
    <>
      <h3 className="cb-group">
        Yours <span className="caption-note">written in the “Write a callback” tab; they run in the worker like the others</span>
      </h3>
      {added.length === 0 ? (
        <p className="muted cb-desc">
          None yet.{' '}
          <button type="button" className="cb-link" onClick={() => show('code')}>
            Write one
          </button>
        </p>
      ) : (
        <ul className="cb-list" data-testid="cb-user">
          {added.map(({ draft, info }) => (
            <li key={draft.id} className={`cb-row${info.enabled ? ' cb-on' : ''}`} data-testid={`cb-${info.className}`} data-kind="user">
              <div className="cb-head">
                <label className="switch" title={info.enabled ? 'Switch off' : 'Switch on'}>
                  <input
                    type="checkbox"
                    role="switch"
                    data-testid={`cb-switch-${info.className}`}
                    checked={draft.enabled}
                    onChange={(e) => enableUserCallback(draft.id, e.currentTarget.checked)}
                  />
                  <span className="switch-track" aria-hidden="true" />
                </label>
                <span className="cb-name">{info.className}</span>
                <span className="cb-order" title="Callbacks run in ascending order">
                  order {info.order}
                </span>
                <span className="cb-tag">yours</span>
                <button
                  type="button"
                  className="cb-link"
                  onClick={() => {
                    select(draft.id);
                    show('code');
                  }}
                >
                  code
                </button>
              </div>
              <p className="cb-events">{info.events.join(' · ') || 'no events'}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
