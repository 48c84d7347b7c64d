// The visual debugger: breakpoints on the Learner's events, stepping, injected cancels, and what the
// loop looks like at each stop. It re-renders on pauses and resumes only, never per event of a run.
import { useStore } from '../../../app/store';
import { PlumbingSwitch } from '../../callbacks/page/PlumbingSwitch';
import './Debugger.css';
import { DebuggerBatch } from './DebuggerBatch';
import { DebuggerBreakpoints } from './DebuggerBreakpoints';
import { DebuggerControls } from './DebuggerControls';
import { DebuggerState } from './DebuggerState';
import { DebuggerProfile, DebuggerTimeline } from './DebuggerTimeline';

export function Debugger() {
  const pause = useStore((s) => s.debug.pause);
  const paused = useStore((s) => s.debug.paused);
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
          <div className="dbg-side">
            <DebuggerTimeline pause={pause} paused={paused} />
            <DebuggerProfile pause={pause} />
          </div>
          <div className="dbg-side">
            <DebuggerState s={pause.snapshot} />
            {pause.snapshot.preview && <DebuggerBatch p={pause.snapshot.preview} />}
          </div>
        </div>
      ) : (
        <p className="dbg-empty muted">
          When the loop stops, its event timeline, the callbacks that ran, the Learner’s state and the batch show here.
        </p>
      )}
    </section>
  );
}
