// Train / Pause / Resume / Stop / Reset weights, and why Train is disabled.
import { useStore } from '../../../app/store';
import { postIfRunning } from '../../../app/worker-client';
import { pauseTraining, resumeTraining, startTraining, stopTraining } from './run-actions';
import { BUSY_REASON } from '../messages';
import { canStart, runActive } from './run-slice';

export function Controls() {
  const runState = useStore((s) => s.runState);
  const workerState = useStore((s) => s.workerState);
  const startable = useStore(canStart);
  const activity = useStore((s) => s.activity);
  const invalid = useStore((s) => s.invalid);
  const problem = useStore((s) => s.summaryProblem);
  const running = runActive({ runState });
  const reasons = Object.values(invalid);
  const blocked = reasons.length > 0 || !!problem;
  const why = reasons[0] ?? problem ?? (activity !== 'idle' && activity !== 'training' ? BUSY_REASON[activity] : null);
  const train = () => {
    const s = useStore.getState();
    s.clearPictures();
    startTraining(s.setup);
  };
  const reset = () => {
    if (running) postIfRunning({ type: 'reset-weights' });
    else useStore.getState().resetView();
  };
  return (
    <div className="controls" data-testid="controls">
      <div className="buttons">
        <button
          type="button"
          className="primary"
          data-testid="train-button"
          disabled={!startable || blocked || workerState === 'booting'}
          onClick={train}
        >
          {runState === 'starting' ? 'Starting…' : running ? 'Training…' : 'Train'}
        </button>
        {runState === 'paused' ? (
          <button type="button" data-testid="resume-button" onClick={resumeTraining}>
            Resume
          </button>
        ) : (
          <button type="button" data-testid="pause-button" disabled={runState !== 'training'} onClick={pauseTraining}>
            Pause
          </button>
        )}
        <button type="button" data-testid="stop-button" disabled={!running} onClick={stopTraining}>
          Stop
        </button>
        <button type="button" data-testid="reset-button" title="New random weights and a fresh optimizer" onClick={reset}>
          Reset weights
        </button>
      </div>
      {why && (
        <p className={blocked ? 'field-error' : 'muted train-wait'} data-testid="train-blocked">
          {why}
        </p>
      )}
    </div>
  );
}
