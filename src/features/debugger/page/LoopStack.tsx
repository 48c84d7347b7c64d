// The loop's call stack at the stop, outermost first: each Learner method with where the loop stands
// in it and fastai's name of it (`doOneBatch · _do_one_batch`), and under the innermost frame the
// callbacks that ran at the current event. Clicking a frame shows its line in the source view.
import { useMemo } from 'react';
import { useStore } from '../../../app/store';
import { FASTAI_NAMES } from '../../../shared/loop-source';
import { hidePlumbing } from '../../../shared/plumbing';
import type { DebugFrame, DebugPause } from '../messages';

export interface LoopStackProps {
  pause: DebugPause;
  paused: boolean;
  /** The selected frame (null: the innermost). */
  selected: number | null;
  onSelect(index: number | null): void;
}

const fastaiName = (f: DebugFrame) => f.fastai || (FASTAI_NAMES as Record<string, string | undefined>)[f.fn] || '';
const label = (f: DebugFrame) => (f.stage ? `${f.fn}('${f.stage}')` : f.fn);

export function LoopStack({ pause, paused, selected, onSelect }: LoopStackProps) {
  const show = useStore((s) => s.callbacks.showPlumbing);
  const stack = pause.stack ?? [];
  const current = pause.timeline.at(-1);
  const callbacks = useMemo(() => hidePlumbing(current?.callbacks ?? [], (c) => c.name, show), [current, show]);
  const innermost = stack.length - 1;
  const chosen = selected ?? innermost;
  return (
    <div className="dbg-card dbg-stack">
      <h3>
        Call stack <span className="caption-note">outermost first · click a frame to see its line</span>
      </h3>
      {stack.length === 0 ? (
        <p className="muted dbg-stack-empty">No stack at this stop.</p>
      ) : (
        <ol data-testid="loop-stack">
          {stack.map((f, i) => (
            <li key={i} className={i === chosen ? 'selected' : ''}>
              <button
                type="button"
                className="dbg-frame"
                data-testid="stack-frame"
                data-fn={f.fn}
                data-stage={f.stage ?? undefined}
                aria-pressed={i === chosen}
                onClick={() => onSelect(i === innermost ? null : i)}
              >
                <code className="dbg-frame-fn">{label(f)}</code>
                {fastaiName(f) && <span className="dbg-frame-fastai"> · {fastaiName(f)}</span>}
                {f.detail && <span className="dbg-frame-detail">{f.detail}</span>}
              </button>
              {i === innermost && current && (
                <div className="dbg-frame-cbs" data-testid="stack-callbacks">
                  <code>{current.event}</code>
                  {callbacks.length ? (
                    <span> ran {callbacks.map((c) => c.name).join(', ')}</span>
                  ) : (
                    <span className="muted"> {paused ? '— its callbacks run when you step' : '— no callback ran'}</span>
                  )}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
