import { useEffect, useState } from 'react';
import { useStore } from '../../../app/store';

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

function duration(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function ProgressLine() {
  const progress = useStore((s) => s.progress);
  const runState = useStore((s) => s.runState);
  const detail = useStore((s) => s.runDetail);
  const leaked = useStore((s) => s.leakedTensors);
  const epochs = useStore((s) => s.setup.epochs);
  const batchSize = useStore((s) => s.setup.batchSize);
  const nBatches = useStore((s) => s.batches.length);
  const startedAt = useStore((s) => s.runStartedAt);
  const debugPaused = useStore((s) => s.debug.paused);

  const nEpoch = progress?.nEpoch ?? epochs;
  const doneEpochs = progress ? progress.epoch + (progress.training ? progress.iter / Math.max(1, progress.nIter) : 1) : 0;
  const fraction = runState === 'done' ? 1 : Math.min(1, doneEpochs / Math.max(1, nEpoch));
  const running = runState === 'training' || runState === 'paused';
  const now = useNow(running);
  const elapsed = startedAt ? Math.max(0, now - startedAt) / 1000 : 0;
  const rate = elapsed > 0 ? (nBatches * batchSize) / elapsed : 0;
  const left = fraction > 0.01 ? (elapsed * (1 - fraction)) / fraction : Number.NaN;
  let text = 'Idle — press Train';
  if (runState === 'starting') text = 'Starting — waiting for the worker to take the run…';
  else if (runState === 'paused') text = 'Paused — press Resume';
  else if (runState === 'training' && debugPaused) text = 'Stopped in the debugger — step or continue there';
  else if (runState === 'training') {
    // before the first batch of a phase (before_fit, before_epoch) there is no batch count yet
    text =
      progress && progress.nIter > 0
        ? `Epoch ${progress.epoch + 1}/${progress.nEpoch} · ${progress.training ? 'train' : 'valid'} batch ${progress.iter + 1}/${progress.nIter}`
        : progress
          ? `Epoch ${progress.epoch + 1}/${progress.nEpoch} · starting`
          : 'Starting…';
  } else if (runState === 'done') {
    text = detail === 'stopped' ? `Stopped after ${Math.floor(doneEpochs)} epoch(s)` : `Done: ${nEpoch} epochs`;
  } else if (detail === 'failed') {
    text = 'Failed — see the error above';
  }
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
            {Math.round(rate).toLocaleString('en-US')} samples/s · {duration(left)} left
          </span>
        )}
        {leaked != null && leaked !== 0 && <span className="warn"> · {leaked} tensors leaked</span>}
      </div>
    </div>
  );
}
