import { useEffect, useState } from 'react';
import { useStore } from '../../../app/store';
import { restartWorker } from '../../../app/worker-client';
import { timeLeft } from '../../../app/format';
import { fractionDone, silenceText, samplesPerSecond, secondsLeft, statusText } from './run-progress';

/** The wall clock, re-read twice a second while `live` (render itself stays pure). */
function useNow(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [live]);
  return now;
}

export function ProgressLine() {
  const progress = useStore((s) => s.progress);
  const runState = useStore((s) => s.runState);
  const detail = useStore((s) => s.runDetail);
  const leaked = useStore((s) => s.leakedTensors);
  const silent = useStore((s) => s.workerSilentFor);
  const epochs = useStore((s) => s.setup.epochs);
  const batchSize = useStore((s) => s.setup.batchSize);
  const nBatches = useStore((s) => s.batches.length);
  const epochsRun = useStore((s) => s.epochs.length);
  const first = useStore((s) => s.firstBatches);
  const debugPaused = useStore((s) => s.debug.paused);

  const nEpoch = progress?.nEpoch ?? epochs;
  const fraction = fractionDone(progress, epochs, runState);
  const running = runState === 'training' || runState === 'paused';
  const now = useNow(running);
  const rate = samplesPerSecond(first, nBatches, batchSize, now);
  const left = secondsLeft(first, fraction, now);
  const text = statusText({ runState, detail, progress, debugPaused, nEpoch, epochsRun });
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-bar" aria-hidden="true">
        <div className={`progress-fill${running ? ' live' : ''}`} style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <div className="progress-text">
        <span data-testid="status" data-state={runState} data-detail={detail ?? ''}>
          {text}
        </span>
        {running && rate > 0 && (
          <span className="muted" data-testid="rate">
            {Math.round(rate).toLocaleString('en-US')} samples/s · {timeLeft(left)}
          </span>
        )}
        {leaked != null && leaked !== 0 && <span className="warn"> · {leaked} tensors leaked</span>}
      </div>
      {silent !== null && (
        <div className="progress-silent warn" role="status" data-testid="worker-silent">
          {silenceText(silent)}{' '}
          <button type="button" className="link" onClick={restartWorker}>
            Restart the worker
          </button>
        </div>
      )}
    </div>
  );
}
