import { fmt, pct } from '../../../app/format';
import { useStore } from '../../../app/store';

export function Stats() {
  const epochs = useStore((s) => s.epochs);
  const last = epochs[epochs.length - 1];
  const seconds = epochs.reduce((t, e) => t + e.seconds, 0);
  return (
    <div className="stats" data-testid="stats">
      <Stat label="Train loss" value={fmt(last?.trainLoss)} testId="train-loss" />
      <Stat label="Valid loss" value={fmt(last?.validLoss)} testId="valid-loss" />
      <Stat label="Valid accuracy" value={pct(last?.metrics.accuracy)} testId="valid-accuracy" />
      <Stat label="Time" value={epochs.length ? `${seconds.toFixed(1)} s` : '—'} testId="time" />
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
