// ActivationStats on the page, in the results column while the callback is on: per observed layer,
// the mean and std of its activations by training batch (small charts), miniai's color_dim picture
// of its histograms on a canvas, and the share of near-zero activations (layers named as PyTorch
// names them, the tfjs name on hover). The records arrive in chunks on the 'metrics' messages; this
// panel reads them at most 4 times a second (useThrottled).
import { Fragment, useLayoutEffect, useMemo, useRef } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { colorDimPixels, thin } from './activation-picture';
import type { AppState } from '../../../app/store';
import { useStore } from '../../../app/store';
import type { ActivationsView } from './outputs-slice';
import { useThrottled } from '../../../app/use-throttled';
import { torchName } from '../../../models/torch-names';
import './activations.css';

const MEAN = '#6366f1';
const STD = '#f97316';
const ZERO = '#64748b';
const AXIS = { fontSize: 10, fill: '#6b7280' };

const selectActivations = (s: AppState) => s.outputs.activations;

export function ActivationsPanel() {
  const on = useStore((s) => !!s.callbacks.choices.ActivationStats?.enabled);
  return on ? <ActivationsBody /> : null;
}

function ActivationsBody() {
  const view = useThrottled(selectActivations, 250);
  const n = view?.records.length ?? 0;
  return (
    <figure className="panel activations" data-testid="activations-panel" data-records={n}>
      <figcaption>
        Activations{' '}
        <span className="caption-note">
          ActivationStats · by training batch{view ? ` · ${(view.dropped + n).toLocaleString('en-US')} sampled` : ''}
        </span>
      </figcaption>
      {!view || n === 0 ? (
        <div className="chart-empty">Per-layer statistics appear a few batches into training.</div>
      ) : (
        <>
          <div className="act-legend">
            <span>
              <i style={{ background: MEAN }} /> mean
            </span>
            <span>
              <i style={{ background: STD }} /> std
            </span>
            <span className="act-legend-pic">
              <i className="act-ramp" /> color_dim: log(1 + count) of |a| in {view.bins} bins over [0, {view.histMax}], low bins at the
              bottom
            </span>
            <span>
              <i style={{ background: ZERO }} /> near zero (≤ 0.05)
            </span>
          </div>
          <div className="act-rows">
            {view.layers.map((name, i) => (
              <LayerRow key={`${view.key}-${name}`} view={view} layer={i} name={name} />
            ))}
          </div>
        </>
      )}
    </figure>
  );
}

function LayerRow({ view, layer, name }: { view: ActivationsView; layer: number; name: string }) {
  const shown = useStore((s) => torchName(s.modelNames, name));
  const data = useMemo(
    () => thin(view.records).map((r) => ({ x: r.trainIter + 1, mean: r.mean[layer], std: r.std[layer], zero: r.nearZero[layer] * 100 })),
    [view.records, layer],
  );
  const last = data[data.length - 1];
  return (
    <div className="act-row" data-testid="act-layer" data-layer={name}>
      <div className="act-name">
        <strong title={name}>
          {shown.split(' + ').map((m, i) => (
            <Fragment key={i}>
              {i > 0 && ' + '}
              <span className="act-module">{m}</span>
            </Fragment>
          ))}
        </strong>
        <span className="muted">mean {fmt(last.mean)}</span>
        <span className="muted">std {fmt(last.std)}</span>
        {Number.isFinite(last.zero) && <span className="muted">{last.zero.toFixed(0)}% near zero</span>}
      </div>
      <MiniChart
        data={data}
        lines={[
          ['mean', MEAN],
          ['std', STD],
        ]}
      />
      <ColorDim view={view} layer={layer} name={shown} />
      <MiniChart data={data} lines={[['zero', ZERO]]} percent />
    </div>
  );
}

function MiniChart({ data, lines, percent }: { data: object[]; lines: [string, string][]; percent?: boolean }) {
  return (
    <div className="act-chart">
      <ResponsiveContainer width="100%" height={92}>
        <LineChart data={data} margin={{ top: 4, right: 6, bottom: 0, left: 0 }}>
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tick={AXIS} allowDecimals={false} height={16} />
          <YAxis
            tick={AXIS}
            width={40}
            domain={percent ? [0, 100] : ['auto', 'auto']}
            tickCount={3}
            tickFormatter={(v: number) => (percent ? `${v}%` : String(Number(v.toPrecision(2))))}
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? (percent ? `${v.toFixed(1)}%` : v.toPrecision(3)) : String(v))}
            labelFormatter={(l) => `batch ${l}`}
          />
          {lines.map(([key, color]) => (
            <Line key={key} dataKey={key} stroke={color} strokeWidth={1.5} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The color_dim picture: one pixel column per sampled batch, stretched to the box (nearest neighbour). */
function ColorDim({ view, layer, name }: { view: ActivationsView; layer: number; name: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    const w = view.records.length;
    if (!canvas || !ctx || w === 0) return;
    canvas.width = w;
    canvas.height = view.bins;
    ctx.putImageData(new ImageData(colorDimPixels(view.records, layer, view.bins), w, view.bins), 0, 0);
    canvas.dataset.batches = String(w);
  }, [view, layer]);
  const first = view.records[0]?.trainIter ?? 0;
  const lastIter = view.records[view.records.length - 1]?.trainIter ?? 0;
  return (
    <div className="act-pic">
      <canvas ref={ref} data-testid="act-colordim" role="img" aria-label={`color_dim histogram of layer ${name}`} />
      <div className="act-pic-axis">
        <span>{first + 1}</span>
        <span>batch</span>
        <span>{lastIter + 1}</span>
      </div>
    </div>
  );
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 0.01 || a >= 1000) ? v.toExponential(1) : v.toFixed(a < 1 ? 3 : 2);
}
