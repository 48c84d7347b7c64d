// Where the loop stands, and the commands: step into / over / out, continue (with the browser dev
// tools' keys while paused: F11, F10, Shift+F11, F8), next batch, next epoch, pause now, inject a cancel.
import { useState } from 'react';
import type { DebugCancel, DebugCommand } from '../messages';
import { debugCommand, pauseNow } from './debugger-actions';
import { useSteppingKeys } from './stepping-keys';
import { useStore } from '../../../app/store';

const STEPS: { testId: string; label: string; keys: string; title: string; command: DebugCommand }[] = [
  { testId: 'dbg-step', label: 'Step into', keys: 'F11', title: 'Run to the next event', command: { kind: 'step' } },
  {
    testId: 'dbg-step-over',
    label: 'Step over',
    keys: 'F10',
    title: 'At a before_X, run past the whole stage X (its inner events); elsewhere, to the next event at this depth or out',
    command: { kind: 'stepOver' },
  },
  {
    testId: 'dbg-step-out',
    label: 'Step out',
    keys: '⇧F11',
    title: 'Run to the after_X of the stage the loop is in (out of a batch: after_batch)',
    command: { kind: 'stepOut' },
  },
  { testId: 'dbg-continue', label: 'Continue', keys: 'F8', title: 'Run to the next breakpoint', command: { kind: 'continue' } },
];

export function DebuggerControls() {
  const pause = useStore((s) => s.debug.pause);
  const paused = useStore((s) => s.debug.paused);
  const running = useStore((s) => s.runState === 'training' || s.runState === 'paused');
  const cancels = paused && pause ? pause.cancels : [];
  const [cancel, setCancel] = useState<DebugCancel | ''>(cancels[0] ?? '');
  // A new stop picks its innermost cancel (state adjusted while rendering, not in an effect).
  const [seenPause, setSeenPause] = useState(pause);
  if (seenPause !== pause) {
    setSeenPause(pause);
    setCancel(cancels[0] ?? '');
  }
  const s = pause?.snapshot;
  useSteppingKeys(paused);

  return (
    <div className="dbg-card dbg-controls">
      <div className="dbg-where" data-testid="dbg-where" data-event={paused && s ? s.event : ''} data-paused={paused}>
        {s ? (
          <>
            <span className={`dbg-state ${paused ? 'on' : ''}`}>
              {paused ? 'Paused at' : running ? 'Running — last stop' : 'Last stop'}
            </span>
            <code className="dbg-event">{s.event}</code>
            <span className="dbg-coords">
              epoch {s.epoch + 1}/{s.nEpoch} · {s.training ? 'train' : 'valid'} batch {s.iter + 1}/{s.nIter}
            </span>
            <span className="dbg-reason">
              why: <span data-testid="dbg-reason">{pause.reason}</span>
            </span>
          </>
        ) : (
          <span className="muted">
            {running ? 'Running — set a breakpoint or press Pause now.' : 'Not paused. Set a breakpoint, then Train.'}
          </span>
        )}
      </div>
      <div className="dbg-buttons dbg-steps">
        {STEPS.map((b, i) => (
          <button
            key={b.testId}
            className={i === 0 ? 'primary' : ''}
            data-testid={b.testId}
            disabled={!paused}
            onClick={() => debugCommand(b.command)}
            title={`${b.title} (${b.keys})`}
            aria-keyshortcuts={b.keys === '⇧F11' ? 'Shift+F11' : b.keys}
          >
            {b.label} <kbd>{b.keys}</kbd>
          </button>
        ))}
      </div>
      <div className="dbg-buttons">
        <button
          data-testid="dbg-next-batch"
          disabled={!paused}
          onClick={() => debugCommand({ kind: 'nextBatch' })}
          title="Run to the next before_batch"
        >
          Next batch
        </button>
        <button
          data-testid="dbg-next-epoch"
          disabled={!paused}
          onClick={() => debugCommand({ kind: 'nextEpoch' })}
          title="Run to the next before_epoch"
        >
          Next epoch
        </button>
        <button data-testid="dbg-pause" disabled={paused || !running} onClick={pauseNow} title="Pause at the next event">
          Pause now
        </button>
      </div>
      <div className="dbg-inject">
        <span>Inject</span>
        <select
          data-testid="dbg-cancel"
          value={cancel}
          disabled={!cancels.length}
          onChange={(e) => setCancel(e.target.value as DebugCancel)}
        >
          {cancels.length === 0 && <option value="">{paused ? 'nothing is caught here' : '—'}</option>}
          {cancels.map((c) => (
            <option key={c} value={c}>
              {shortCancel(c)}
            </option>
          ))}
        </select>
        <button
          data-testid="dbg-inject"
          className="danger"
          disabled={!cancel || !cancels.includes(cancel as DebugCancel)}
          onClick={() => cancel && debugCommand({ kind: 'cancel', exception: cancel })}
          title="Raise this exception at the current event, as a callback would"
        >
          Raise
        </button>
      </div>
    </div>
  );
}

/** "CancelBatchException" -> "CancelBatch". */
const shortCancel = (name: string) => name.replace(/Exception$/, '');
