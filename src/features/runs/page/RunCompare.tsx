// Compare: two or more saved runs' loss, accuracy and lr curves overlaid (one color per
// run, at most 1000 points per line), and their setups side by side with the differences marked.
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { stackLines } from '../../../models/layers/layer-list';
import { accuracyCompare, batchCompare, RUN_COLORS, setupRows, type CompareRow } from './compare-data';
import type { SavedRun } from './runs-db';
import { formatLr, lrAxis, maxOf, type LrAxis } from '../../run/page/lr-axis';
import { runDifferences } from './run-name';
import { RunDiffers } from './RunDiffers';
import { useRuns } from './runs-bridge';
import { useThrottled } from '../../../app/use-throttled';
import type { AppState } from '../../../app/store';

const AXIS = { fontSize: 11, fill: '#6b7280' };
const ids = (runs: readonly SavedRun[]) => runs.map((r) => r.id);

/** The history of the run being saved now (its listed copy gets its batches when it ends). */
const liveBatches = (s: AppState) => s.batches;

export function RunCompare({ runs }: { runs: SavedRun[] }) {
  const current = useRuns((s) => s.currentId);
  const live = useThrottled(liveBatches);
  // only a compared run being saved now follows the live history (redrawn with it, a few times a second)
  const liveUsed = runs.some((r) => r.id === current) ? live : null;
  const curves = useMemo(
    () => runs.map((r) => ({ id: r.id, batches: liveUsed && r.id === current ? liveUsed : r.batches })),
    [runs, current, liveUsed],
  );
  const loss = useMemo(() => batchCompare(curves, 'train'), [curves]);
  const lr = useMemo(() => batchCompare(curves, 'lr'), [curves]);
  const lrY = useMemo(() => lrAxis(maxOf(lr, ids(runs))), [lr, runs]);
  const acc = useMemo(() => accuracyCompare(runs), [runs]);
  const rows = useMemo(() => setupRows(runs), [runs]);
  const differs = useMemo(() => runDifferences(runs), [runs]);
  return (
    <div className="run-compare" data-testid="run-compare" data-runs={runs.length}>
      {/* One legend for the three charts: a run has the same color in each (a legend per chart covered the plots). */}
      <ul className="run-compare-legend" data-testid="compare-legend">
        {runs.map((r, i) => (
          <li key={r.id}>
            <span className="swatch" style={{ background: RUN_COLORS[i % RUN_COLORS.length] }} />
            {r.name}
            <RunDiffers settings={differs[i]} />
          </li>
        ))}
      </ul>
      <div className="run-compare-charts">
        <CompareChart title="Loss (smoothed) by batch" testId="compare-loss" data={loss} x="x" runs={runs} format={(v) => v.toFixed(3)} />
        <CompareChart
          title="Valid accuracy by epoch"
          testId="compare-accuracy"
          data={acc}
          x="epoch"
          runs={runs}
          format={(v) => `${(v * 100).toFixed(1)}%`}
          dots
        />
        <CompareChart title="Learning rate by batch" testId="compare-lr" data={lr} x="x" runs={runs} format={formatLr} y={lrY} />
      </div>
      <table className="compare-setup" data-testid="compare-setup">
        <thead>
          <tr>
            <th>Setting</th>
            {runs.map((r, i) => (
              <th key={r.id} style={{ color: RUN_COLORS[i % RUN_COLORS.length] }}>
                {r.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.key}
              className={row.differs ? 'differs' : undefined}
              data-testid={row.differs ? 'setup-diff' : undefined}
              data-key={row.key}
            >
              <th scope="row">{row.key}</th>
              {row.values.map((v, i) =>
                row.key === 'model.stack' ? (
                  <td key={runs[i].id} className="stack-cell">
                    {stackLines(v)}
                  </td>
                ) : (
                  <td key={runs[i].id}>{v}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ChartProps {
  title: string;
  testId: string;
  data: CompareRow[];
  x: string;
  runs: SavedRun[];
  format: (v: number) => string;
  /** Per-epoch series are short: show their points (a one-epoch run is a single point). */
  dots?: boolean;
  /** The y axis's own ticks and width (else recharts' ticks in 44 px). */
  y?: LrAxis;
}

function CompareChart({ title, testId, data, x, runs, format, dots = false, y }: ChartProps) {
  return (
    <figure className="panel chart" data-testid={testId} data-points={data.length}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e7e9f0" vertical={false} />
          <XAxis dataKey={x} type="number" domain={[1, 'dataMax']} tick={AXIS} allowDecimals={false} />
          {y ? (
            <YAxis domain={y.domain} ticks={y.ticks} tick={AXIS} width={y.width} tickFormatter={y.format} />
          ) : (
            <YAxis domain={['auto', 'auto']} tick={AXIS} width={44} tickFormatter={format} />
          )}
          <Tooltip formatter={(v) => (typeof v === 'number' ? format(v) : String(v))} />
          {runs.map((r, i) => (
            <Line
              key={r.id}
              dataKey={r.id}
              name={r.name}
              stroke={RUN_COLORS[i % RUN_COLORS.length]}
              strokeWidth={2}
              dot={dots ? { r: 3 } : false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
