import { useEffect, useState } from 'react';
import { useStore } from '../../../app/store';
import { restartWorker } from '../../../app/worker-client';
import { stopStuckHandler, stuckUserHandler } from '../../user-callbacks/page/user-callbacks-bridge';

/** A user handler that has not returned for this long is named, with Stop and restart. */
const STUCK_AFTER_S = 5;
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
  // read while the worker is silent (re-rendered each second then): a user handler it is stuck in
  const stuck = silent !== null && silent >= STUCK_AFTER_S ? stuckUserHandler() : null;

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
      {stuck && silent !== null ? (
        <div className="progress-silent warn" role="alert" data-testid="user-cb-stuck">
          <code>{stuck.className}</code>'s <code>{stuck.event}</code> has not returned for {silent} s —{' '}
          <button type="button" className="link" data-testid="user-cb-stop-restart" onClick={() => stopStuckHandler(stuck, silent)}>
            Stop and restart
          </button>{' '}
          <span className="muted">(your code is kept; {stuck.className} is switched off)</span>
        </div>
      ) : (
        silent !== null && (
          <div className="progress-silent warn" role="status" data-testid="worker-silent">
            {silenceText(silent)}{' '}
            <button type="button" className="link" onClick={() => restartWorker()}>
              Restart the worker
            </button>
          </div>
        )
      )}
    </div>
  );
}
