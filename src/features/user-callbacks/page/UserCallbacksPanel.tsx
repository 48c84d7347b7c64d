// "Write a callback": the user's callbacks in a list (each with its switch and state), an editor
// for the selected one (CodeMirror, loaded with this tab, not with the page), Add / Update /
// Remove, the examples to start from, and what went wrong marked at its line. Code a link brought
// is shown read-only under a banner until the user says it may run.
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useStore } from '../../../app/store';
import { GALLERY } from '../gallery';
import type { UserCallbackInfo } from '../messages';
import {
  acceptLinkCode,
  addUserCallback,
  deleteUserDraft,
  enableUserCallback,
  newUserDraft,
  removeUserCallback,
} from './user-callbacks-actions';
import { titleOf, type UserDraft } from './user-callbacks-slice';
import './user-callbacks.css';

const CodeEditor = lazy(() => import('./CodeEditor'));

export function UserCallbacksPanel() {
  // the compiler comes with the tab, so Add does not wait for it
  useEffect(() => void import('../compile'), []);
  const drafts = useStore((s) => s.userCallbacks.drafts);
  const selected = useStore((s) => s.userCallbacks.selected);
  const infos = useStore((s) => s.userCallbacks.infos);
  const select = useStore((s) => s.selectUserDraft);
  const draft = drafts.find((d) => d.id === selected) ?? null;

  return (
    <section className="panel ucb" data-testid="user-callbacks-panel">
      <header className="cb-header">
        <h2>Write a callback</h2>
        <span className="muted">a class with fastai's event names as methods · runs in the worker, added between batches</span>
      </header>
      <div className="ucb-grid">
        <aside className="ucb-side">
          <ul className="ucb-list" aria-label="Your callbacks">
            {drafts.map((d) => (
              <DraftRow key={d.id} draft={d} info={infos[d.id]} selected={d.id === selected} onSelect={() => select(d.id)} />
            ))}
          </ul>
          <button type="button" data-testid="ucb-new" onClick={() => newUserDraft()}>
            New callback
          </button>
          <label className="field ucb-examples">
            <span className="field-label">Start from an example</span>
            <select
              data-testid="ucb-example"
              value=""
              onChange={(e) => {
                const ex = GALLERY.find((g) => g.id === e.currentTarget.value);
                if (ex) newUserDraft(ex.source, ex.title);
              }}
            >
              <option value="">Choose one…</option>
              {GALLERY.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.title} — {g.teaches}
                </option>
              ))}
            </select>
          </label>
        </aside>
        <div className="ucb-main">{draft ? <DraftEditor draft={draft} info={infos[draft.id]} /> : <EmptyState />}</div>
      </div>
    </section>
  );
}

function EmptyState() {
  return (
    <div className="ucb-empty">
      <p>
        Write <code>class GradNorm extends Callback {'{ after_backward() { … } }'}</code> the way fastai does, press Add, and watch it run
        in the loop.
      </p>
      <button type="button" className="primary" onClick={() => newUserDraft()}>
        Write your first callback
      </button>
    </div>
  );
}

function stateOf(draft: UserDraft, info: UserCallbackInfo | undefined, hasError: boolean): { text: string; tone: string } {
  if (draft.fromLink) return { text: 'from a link: not run', tone: 'warn' };
  if (hasError) return { text: 'error', tone: 'error' };
  if (!draft.added) return { text: 'not added', tone: 'muted' };
  if (!info) return { text: 'loading…', tone: 'muted' };
  return info.enabled ? { text: 'on', tone: 'ok' } : { text: 'off', tone: 'muted' };
}

function DraftRow({
  draft,
  info,
  selected,
  onSelect,
}: {
  draft: UserDraft;
  info: UserCallbackInfo | undefined;
  selected: boolean;
  onSelect(): void;
}) {
  const hasError = useStore((s) => draft.id in s.userCallbacks.errors || draft.id in s.userCallbacks.compileErrors);
  const state = stateOf(draft, info, hasError);
  const title = info?.className ?? titleOf(draft);
  return (
    <li className={`ucb-item${selected ? ' is-selected' : ''}`} data-testid={`ucb-item-${title}`}>
      <label className="switch" title={draft.enabled ? 'Switch off' : 'Switch on'}>
        <input
          type="checkbox"
          role="switch"
          aria-label={`${title} on`}
          checked={draft.enabled}
          disabled={draft.fromLink}
          onChange={(e) => enableUserCallback(draft.id, e.currentTarget.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
      </label>
      <button type="button" className="ucb-pick" aria-current={selected} onClick={onSelect}>
        <span className="ucb-title">{title}</span>
        <span className={`ucb-state ${state.tone}`}>{state.text}</span>
      </button>
    </li>
  );
}

function DraftEditor({ draft, info }: { draft: UserDraft; info: UserCallbackInfo | undefined }) {
  const edit = useStore((s) => s.editUserDraft);
  const compileError = useStore((s) => s.userCallbacks.compileErrors[draft.id]);
  const runError = useStore((s) => s.userCallbacks.errors[draft.id]);
  const sentSource = useStore((s) => s.userCallbacks.sent[draft.id]);
  const leak = useStore((s) => s.userCallbacks.leaks.find((l) => l.id === draft.id));
  const training = useStore((s) => s.runState === 'training' || s.runState === 'paused');
  const changed = draft.added && sentSource !== undefined && sentSource !== draft.source;
  const diagnostics = useMemo(() => {
    const marks = [];
    if (compileError)
      marks.push({ line: compileError.line, column: compileError.column, message: compileError.message, severity: 'error' as const });
    if (runError?.line && !changed)
      marks.push({ line: runError.line, column: runError.column ?? 1, message: runError.message, severity: 'error' as const });
    return marks;
  }, [compileError, runError, changed]);
  const add = () => void addUserCallback(draft.id);

  return (
    <div className="ucb-editor" data-testid="ucb-editor" data-draft={draft.id}>
      {draft.fromLink && (
        <div className="ucb-link-banner" role="alert" data-testid="ucb-link-banner">
          <p>
            <strong>This code came with a link.</strong> It has not run. Read it first: it runs in the training worker (never on this page)
            only once you say so.
          </p>
          <button type="button" className="primary" data-testid="ucb-accept-link" onClick={() => acceptLinkCode(draft.id)}>
            I have read it: let this code run
          </button>
        </div>
      )}
      <div className="ucb-toolbar">
        <button type="button" className="primary" data-testid="ucb-add" disabled={draft.fromLink} onClick={add} title="Ctrl+Enter">
          {draft.added ? 'Update' : training ? 'Add to this run' : 'Add'}
        </button>
        <button type="button" data-testid="ucb-remove" disabled={!draft.added} onClick={() => removeUserCallback(draft.id)}>
          Remove
        </button>
        <button type="button" data-testid="ucb-delete" onClick={() => deleteUserDraft(draft.id)}>
          Delete
        </button>
        <span className="muted ucb-status" data-testid="ucb-status">
          {info ? `order ${info.order} · ${info.events.join(', ') || 'no events'}` : ''}
          {changed ? ' · edited since added: Update replaces it (its state starts fresh)' : ''}
        </span>
      </div>
      <Suspense fallback={<div className="ucb-loading">Loading the editor…</div>}>
        <CodeEditor
          value={draft.source}
          onChange={(v) => edit(draft.id, v)}
          readOnly={draft.fromLink}
          diagnostics={diagnostics}
          ariaLabel={`Source of ${titleOf(draft)}`}
          onRun={draft.fromLink ? undefined : add}
        />
      </Suspense>
      {compileError && (
        <p className="ucb-error" role="alert" data-testid="ucb-compile-error">
          Line {compileError.line}, column {compileError.column}: {compileError.message}. Nothing was sent.
        </p>
      )}
      {runError && (
        <p className="ucb-error" role="alert" data-testid="ucb-run-error">
          {runError.event ? (
            <>
              Exception occurred in <code>{runError.className}</code> when calling event <code>{runError.event}</code>
            </>
          ) : (
            <>
              <code>{runError.className}</code> did not load
            </>
          )}
          {runError.line ? ` (line ${runError.line})` : ''}: {runError.message}
        </p>
      )}
      {leak && (
        <p className="warn" data-testid="ucb-leak">
          {leak.className} left {leak.count} tensor{leak.count === 1 ? '' : 's'} undisposed in the last run (
          {Object.entries(leak.byEvent)
            .map(([e, n]) => `${e}: ${n}`)
            .join(', ')}
          ): wrap its tensor work in tf.tidy, or dispose what it creates.
        </p>
      )}
    </div>
  );
}
