// Train / Pause / Resume / Stop / Reset weights, and why Train is disabled.
import { useStore } from '../../../app/store';
import { pauseTraining, resetWeights, resumeTraining, startTraining, stopTraining } from '../../../app/worker-bridge';

export function Controls() {
  const runState = useStore((s) => s.runState);
  const workerState = useStore((s) => s.workerState);
  const invalid = useStore((s) => s.invalid);
  const problem = useStore((s) => s.summaryProblem);
  const running = runState === 'training' || runState === 'paused';
  const reasons = Object.values(invalid);
  const blocked = reasons.length > 0 || !!problem;
  const train = () => {
    const s = useStore.getState();
    s.clearPictures();
    startTraining(s.setup);
  };
  const reset = () => {
    if (running) resetWeights();
    else useStore.getState().resetView();
  };
  return (
    <div className="controls" data-testid="controls">
      <div className="buttons">
        <button type="button" className="primary" data-testid="train-button" disabled={running || blocked || workerState === 'booting'} onClick={train}>
          {running ? 'Training…' : 'Train'}
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
      {blocked && (
        <p className="field-error" data-testid="train-blocked">
          {reasons[0] ?? problem}
        </p>
      )}
    </div>
  );
}
