import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { accuracySeries, trainLossSeries, validLossSeries } from '../chart-data';
import { useStore } from '../store';

const TRAIN = '#6366f1';
const VALID = '#f97316';
const ACC = '#10b981';
const GRID = '#e7e9f0';
const AXIS = { fontSize: 12, fill: '#6b7280' };

export function LossChart() {
  const batches = useStore((s) => s.batches);
  const epochs = useStore((s) => s.epochs);
  const train = useMemo(() => trainLossSeries(batches), [batches]);
  const valid = useMemo(() => validLossSeries(batches, epochs), [batches, epochs]);
  return (
    <figure className="panel chart" data-testid="loss-chart" data-points={train.length} data-valid-points={valid.length}>
      <figcaption>
        Loss <span className="caption-note">by training iteration</span>
      </figcaption>
      {train.length === 0 ? (
        <Empty />
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="x" type="number" domain={[1, 'dataMax']} tick={AXIS} allowDecimals={false} />
            <YAxis domain={[0, 'auto']} tick={AXIS} width={44} tickFormatter={(v: number) => v.toFixed(2)} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(l) => `iteration ${l}`} />
            <Legend verticalAlign="top" height={28} iconType="plainline" />
            <Line data={train} dataKey="train" name="train loss (smoothed)" stroke={TRAIN} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line data={valid} dataKey="valid" name="valid loss (per epoch)" stroke={VALID} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

export function AccuracyChart() {
  const epochs = useStore((s) => s.epochs);
  const data = useMemo(() => accuracySeries(epochs), [epochs]);
  return (
    <figure className="panel chart" data-testid="accuracy-chart" data-points={data.length}>
      <figcaption>
        Valid accuracy <span className="caption-note">by epoch</span>
      </figcaption>
      {data.length === 0 ? (
        <Empty />
      ) : (
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} tick={AXIS} allowDecimals={false} />
            <YAxis domain={[0, 1]} tick={AXIS} width={44} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v))} labelFormatter={(l) => `epoch ${l}`} />
            <Line dataKey="accuracy" name="valid accuracy" stroke={ACC} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function Empty() {
  return <div className="chart-empty">No data yet — press Train.</div>;
}
