import { useStore } from '../store';

export function ProgressLine() {
  const progress = useStore((s) => s.progress);
  const runState = useStore((s) => s.runState);
  const detail = useStore((s) => s.runDetail);
  const leaked = useStore((s) => s.leakedTensors);
  const epochs = useStore((s) => s.setup.epochs);

  const nEpoch = progress?.nEpoch ?? epochs;
  const doneEpochs = progress ? progress.epoch + (progress.training ? progress.iter / Math.max(1, progress.nIter) : 1) : 0;
  const fraction = runState === 'done' ? 1 : Math.min(1, doneEpochs / Math.max(1, nEpoch));
  let text = 'Idle — press Train';
  if (runState === 'training') {
    text = progress
      ? `Epoch ${progress.epoch + 1}/${progress.nEpoch} · ${progress.training ? 'train' : 'valid'} batch ${progress.iter + 1}/${progress.nIter}`
      : 'Starting…';
  } else if (runState === 'done') {
    text = detail === 'stopped' ? `Stopped after ${Math.floor(doneEpochs)} epoch(s)` : `Done: ${nEpoch} epochs`;
  } else if (detail === 'failed') {
    text = 'Failed — see the error above';
  }
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-bar" aria-hidden="true">
        <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <div className="progress-text">
        <span data-testid="status" data-state={runState} data-detail={detail ?? ''}>
          {text}
        </span>
        {leaked != null && leaked !== 0 && <span className="warn"> · {leaked} tensors leaked</span>}
      </div>
    </div>
  );
}
