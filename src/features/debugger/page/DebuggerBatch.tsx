// The batch at the stop: 2-D points on the plane (colored by label, ringed by prediction once
// after_pred ran) or images with their labels and predictions.
import { useEffect, useRef } from 'react';
import type { DebugPreview } from '../messages';

const COLORS = ['#6366f1', '#f97316', '#10b981', '#ef4444', '#0ea5e9', '#a855f7', '#eab308', '#14b8a6', '#ec4899', '#64748b'];
const color = (k: number | undefined) =>
  k === undefined || !Number.isFinite(k) ? '#9ca3af' : COLORS[Math.abs(Math.round(k)) % COLORS.length];

export function DebuggerBatch({ p }: { p: DebugPreview }) {
  const isImage = p.rowShape.length === 3 || (p.rowShape.length === 1 && p.rowShape[0] === 784);
  const is2d = p.rowShape.length === 1 && p.rowShape[0] === 2;
  if (!isImage && !is2d) return null;
  return (
    <div className="dbg-card dbg-batch" data-testid="dbg-batch" data-kind={isImage ? 'images' : 'points'}>
      <h3>
        This batch{' '}
        <span className="caption-note">
          first {p.n} rows · {p.predictions ? 'fill = label, ring = prediction' : 'colored by label'}
        </span>
      </h3>
      {is2d ? <Points p={p} /> : <Images p={p} />}
    </div>
  );
}

function Points({ p }: { p: DebugPreview }) {
  const xs = Array.from({ length: p.n }, (_, i) => p.inputs[2 * i]);
  const ys = Array.from({ length: p.n }, (_, i) => p.inputs[2 * i + 1]);
  const lim = Math.max(1e-6, ...xs.map(Math.abs), ...ys.map(Math.abs)) * 1.1;
  const sx = (v: number) => 110 + (100 * v) / lim;
  const sy = (v: number) => 110 - (100 * v) / lim;
  return (
    <svg viewBox="0 0 220 220" className="dbg-plane" role="img" aria-label="batch points">
      <line x1={10} x2={210} y1={110} y2={110} className="axis" />
      <line y1={10} y2={210} x1={110} x2={110} className="axis" />
      {xs.map((x, i) => {
        const wrong = p.predictions && p.labels && Math.round(p.predictions[i]) !== Math.round(p.labels[i]);
        return (
          <g key={i}>
            <circle cx={sx(x)} cy={sy(ys[i])} r={4} fill={color(p.labels?.[i])} fillOpacity={0.85} />
            {p.predictions && (
              <circle cx={sx(x)} cy={sy(ys[i])} r={6.5} fill="none" stroke={color(p.predictions[i])} strokeWidth={wrong ? 2 : 1.2} />
            )}
          </g>
        );
      })}
    </svg>
  );
}

function Images({ p }: { p: DebugPreview }) {
  const [h, w, c] = p.rowShape.length === 3 ? p.rowShape : [28, 28, 1];
  const n = Math.min(p.n, 32);
  return (
    <div className="dbg-images">
      {Array.from({ length: n }, (_, i) => (
        <figure key={i} className={p.predictions && p.labels && p.predictions[i] !== p.labels[i] ? 'wrong' : ''}>
          <Img values={p.inputs} offset={i * h * w * c} h={h} w={w} c={c} />
          <figcaption>
            {p.labels ? p.labels[i] : '?'}
            {p.predictions && <> → {p.predictions[i]}</>}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

function Img({ values, offset, h, w, c }: { values: number[]; offset: number; h: number; w: number; c: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const slice = values.slice(offset, offset + h * w * c);
    const lo = Math.min(...slice);
    const hi = Math.max(...slice);
    const img = ctx.createImageData(w, h);
    for (let k = 0; k < h * w; k++) {
      for (let ch = 0; ch < 3; ch++) {
        const v = slice[k * c + (c === 3 ? ch : 0)];
        img.data[4 * k + ch] = Math.round((255 * (v - lo)) / Math.max(1e-9, hi - lo));
      }
      img.data[4 * k + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [values, offset, h, w, c]);
  return <canvas ref={ref} width={w} height={h} />;
}
