// Where the loop stands, and the commands: step, next batch, next epoch, continue, pause now, inject a cancel.
import { useState } from 'react';
import type { DebugCancel } from '../messages';
import { debugCommand, pauseNow } from './debugger-actions';
import { useStore } from '../../../app/store';

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
      <div className="dbg-buttons">
        <button
          className="primary"
          data-testid="dbg-step"
          disabled={!paused}
          onClick={() => debugCommand({ kind: 'step' })}
          title="Run to the next event"
        >
          Step
        </button>
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
        <button
          data-testid="dbg-continue"
          disabled={!paused}
          onClick={() => debugCommand({ kind: 'continue' })}
          title="Run to the next breakpoint"
        >
          Continue
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
