// The visual debugger: breakpoints on the Learner's events, stepping, injected cancels, and what the
// loop looks like at each stop: on the left the Learner's source at the line it stopped at, the
// timeline of this batch's events, the profile and the batch; on the right its call stack, its state
// (lr, mom, wd editable while paused) and its tensors' values. It re-renders on pauses and resumes
// only, never per event of a run.
import { lazy, Suspense, useState } from 'react';
import { useStore } from '../../../app/store';
import { PlumbingSwitch } from '../../callbacks/page/PlumbingSwitch';
import './Debugger.css';
import { DebuggerBatch } from './DebuggerBatch';
import { DebuggerBreakpoints } from './DebuggerBreakpoints';
import { DebuggerControls } from './DebuggerControls';
import { DebuggerState } from './DebuggerState';
import { DebuggerProfile, DebuggerTimeline } from './DebuggerTimeline';
import { DebuggerValues } from './DebuggerValues';
import { LoopStack } from './LoopStack';

/** CodeMirror and the Learner's text, loaded at the first stop. */
const LoopSource = lazy(() => import('./LoopSource'));

export function Debugger() {
  const pause = useStore((s) => s.debug.pause);
  const paused = useStore((s) => s.debug.paused);
  const stops = useStore((s) => s.debug.stops);
  // The frame picked in the call stack (null: the innermost); a new stop starts from the innermost.
  const [frame, setFrame] = useState<{ pause: typeof pause; index: number | null }>({ pause, index: null });
  const selected = frame.pause === pause ? frame.index : null;
  return (
    <section className={`panel dbg ${paused ? 'is-paused' : ''}`} data-testid="debugger" data-paused={paused}>
      <header className="dbg-header">
        <h2>Debugger</h2>
        <span className="caption-note">stop the training loop at any of fastai’s 24 events, step through it, raise a Cancel</span>
        <PlumbingSwitch />
      </header>
      <div className="dbg-top">
        <DebuggerBreakpoints />
        <DebuggerControls />
      </div>
      {pause ? (
        <div className={`dbg-body ${paused ? '' : 'stale'}`}>
          <div className="dbg-side dbg-main">
            <Suspense fallback={<div className="dbg-card dbg-source-loading muted">Loading the Learner’s source…</div>}>
              <LoopSource pause={pause} paused={paused} frame={selected} />
            </Suspense>
            <DebuggerTimeline pause={pause} paused={paused} />
            <DebuggerProfile pause={pause} />
            {pause.snapshot.preview && <DebuggerBatch p={pause.snapshot.preview} />}
          </div>
          <div className="dbg-side">
            <LoopStack pause={pause} paused={paused} selected={selected} onSelect={(index) => setFrame({ pause, index })} />
            <DebuggerState s={pause.snapshot} paused={paused} stop={stops} />
            <DebuggerValues values={pause.snapshot.values ?? []} />
          </div>
        </div>
      ) : (
        <p className="dbg-empty muted">
          When the loop stops, the Learner’s source at that line, its call stack, the callbacks that ran, its state and the batch show here.
        </p>
      )}
    </section>
  );
}
