import { fmt, pct } from '../../../app/format';
import { useStore } from '../../../app/store';

export function Stats() {
  const epochs = useStore((s) => s.epochs);
  const last = epochs[epochs.length - 1];
  const seconds = epochs.reduce((t, e) => t + e.seconds, 0);
  return (
    <div className="stats" data-testid="stats">
      <Stat
        label="Train loss (smoothed)"
        hint="fastai's train_loss: the batch losses smoothed exponentially (beta 0.98, debiased) at the end of the epoch's training, as in fastai's table. The valid loss is the plain mean over the validation set."
        value={fmt(last?.trainLoss)}
        testId="train-loss"
      />
      <Stat label="Valid loss" value={fmt(last?.validLoss)} testId="valid-loss" />
      <Stat label="Valid accuracy" value={pct(last?.metrics.accuracy)} testId="valid-accuracy" />
      <Stat label="Time" value={epochs.length ? `${seconds.toFixed(1)} s` : '—'} testId="time" />
    </div>
  );
}

function Stat({ label, value, testId, hint }: { label: string; value: string; testId: string; hint?: string }) {
  return (
    <div className="stat" title={hint}>
      <span className="stat-label" data-testid={`${testId}-label`}>
        {label}
      </span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
