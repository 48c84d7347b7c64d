import { useLayoutEffect, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { accuracySeries, trainLossSeries, validLossSeries } from './chart-data';
import { formatLr, lrAxis } from './lr-axis';
import { probeChartCommitted } from '../../../app/perf-probe';
import { useStore, type AppState } from '../../../app/store';
import { emptyChartText } from './run-progress';
import { useThrottled } from '../../../app/use-throttled';

const TRAIN = '#6366f1';
const RAW = '#c7d2fe';
const VALID = '#f97316';
const ACC = '#10b981';
const LR = '#0ea5e9';
const GRID = '#e7e9f0';
const AXIS = { fontSize: 11, fill: '#6b7280' };

const selectBatches = (s: AppState) => s.batches;
const selectEpochs = (s: AppState) => s.epochs;

export function LossChart() {
  // eslint-disable-next-line react-hooks/purity -- the perf probe times this render: reading the clock here is its point
  const start = performance.now();
  const batches = useThrottled(selectBatches);
  const epochs = useThrottled(selectEpochs);
  const train = useMemo(() => trainLossSeries(batches), [batches]);
  const valid = useMemo(() => validLossSeries(batches, epochs), [batches, epochs]);
  useLayoutEffect(() => probeChartCommitted(performance.now() - start, batches.length));
  return (
    <figure className="panel chart" data-testid="loss-chart" data-points={train.length} data-valid-points={valid.length}>
      <figcaption>
        Loss <span className="caption-note">by training batch · {batches.length.toLocaleString('en-US')} batches</span>
      </figcaption>
      {train.length === 0 ? (
        <Empty />
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="x" type="number" domain={[1, 'dataMax']} tick={AXIS} allowDecimals={false} />
            <YAxis domain={[0, 'auto']} tick={AXIS} width={40} tickFormatter={(v: number) => v.toFixed(2)} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(l) => `batch ${l}`} />
            <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
            <Line data={train} dataKey="raw" name="train (raw)" stroke={RAW} strokeWidth={1} dot={false} isAnimationActive={false} />
            <Line
              data={train}
              dataKey="train"
              name="train (smoothed)"
              stroke={TRAIN}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              data={valid}
              dataKey="valid"
              name="valid (per epoch)"
              stroke={VALID}
              strokeWidth={2}
              dot={{ r: 2.5 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

export function AccuracyChart() {
  const epochs = useThrottled(selectEpochs);
  const data = useMemo(() => accuracySeries(epochs), [epochs]);
  return (
    <figure className="panel chart" data-testid="accuracy-chart" data-points={data.length}>
      <figcaption>
        Valid accuracy <span className="caption-note">by epoch</span>
      </figcaption>
      {data.length === 0 ? (
        <Empty />
      ) : (
        <ResponsiveContainer width="100%" height={150}>
          <LineChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} tick={AXIS} allowDecimals={false} />
            <YAxis domain={[0, 1]} tick={AXIS} width={40} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
            <Tooltip
              formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v))}
              labelFormatter={(l) => `epoch ${l}`}
            />
            <Line dataKey="accuracy" name="valid accuracy" stroke={ACC} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

export function LrChart() {
  const batches = useThrottled(selectBatches);
  const data = useMemo(() => trainLossSeries(batches), [batches]);
  const axis = useMemo(() => lrAxis(Math.max(0, batches.maxLr)), [batches]);
  return (
    <figure className="panel chart" data-testid="lr-chart" data-points={data.length}>
      <figcaption>
        Learning rate <span className="caption-note">by training batch</span>
      </figcaption>
      {data.length === 0 ? (
        <Empty />
      ) : (
        <ResponsiveContainer width="100%" height={150}>
          <LineChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="x" type="number" domain={[1, 'dataMax']} tick={AXIS} allowDecimals={false} />
            <YAxis domain={axis.domain} ticks={axis.ticks} tick={AXIS} width={axis.width} tickFormatter={axis.format} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatLr(v) : String(v))} labelFormatter={(l) => `batch ${l}`} />
            <Line dataKey="lr" name="lr" stroke={LR} strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function Empty() {
  const runState = useStore((s) => s.runState);
  return <div className="chart-empty">{emptyChartText(runState)}</div>;
}
