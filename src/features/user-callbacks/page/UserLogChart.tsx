// "Your metrics": the series user callbacks log with this.log(name, value), by training batch.
// Shown only once a series exists; redrawn a few times a second, not per message.
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AppState } from '../../../app/store';
import { useThrottled } from '../../../app/use-throttled';
import { logLine } from './log-chart-data';

const COLORS = ['#8b5cf6', '#ef4444', '#14b8a6', '#f59e0b', '#3b82f6', '#ec4899', '#84cc16', '#64748b'];
const GRID = '#e7e9f0';
const AXIS = { fontSize: 11, fill: '#6b7280' };

const selectLog = (s: AppState) => s.userLog;

export function UserLogChart() {
  const log = useThrottled(selectLog);
  // the arrays grow in place: `version` is what changed
  const lines = useMemo(
    () => Object.entries(log.series).map(([name, s]) => ({ name, points: logLine(s), n: s.x.length })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- log.series is appended in place; version says so
    [log.series, log.version],
  );
  if (!lines.length) return null;
  return (
    <figure className="panel chart" data-testid="user-log-chart" data-series={lines.map((l) => `${l.name}:${l.n}`).join(',')}>
      <figcaption>
        Your metrics <span className="caption-note">logged by your callbacks with this.log(name, value) · by training batch</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tick={AXIS} allowDecimals={false} />
          <YAxis domain={['auto', 'auto']} tick={AXIS} width={48} tickFormatter={(v: number) => Number(v.toPrecision(3)).toString()} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} labelFormatter={(l) => `batch ${l}`} />
          <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          {lines.map((l, i) => (
            <Line
              key={l.name}
              data={l.points}
              dataKey="y"
              name={l.name}
              stroke={COLORS[i % COLORS.length]}
              strokeWidth={1.5}
              dot={l.points.length < 40 ? { r: 2 } : false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
