// The values at a stop: the batch, the prediction, the loss (and each sample's) and every parameter's
// value, gradient and last update — for the selected one its first rows, its stats and a histogram.
import { useState } from 'react';
import { useStore } from '../../../app/store';
import type { DebugValue } from '../messages';
import './debugger-values.css';
import {
  PARAM_KINDS,
  PARAM_KIND_LABEL,
  groupValues,
  headIsPartial,
  headRows,
  histBars,
  isSampled,
  statFields,
  formatNumber,
  type ParamKind,
  type ValueItem,
} from './debugger-values';

const HIST_W = 240;
const HIST_H = 56;

export function DebuggerValues({ values }: { values: DebugValue[] }) {
  const names = useStore((s) => s.modelNames);
  const groups = groupValues(values, names);
  const items = groups.flatMap((g) => g.items);
  const [selected, setSelected] = useState<string | null>(null);
  const [kind, setKind] = useState<ParamKind>('param');
  const item = items.find((i) => i.name === selected) ?? items[0];
  if (!item) return null;
  const isParam = PARAM_KINDS.some((k) => item.values[k]);
  const value = isParam ? (item.values[kind] ?? item.values.param!) : Object.values(item.values)[0]!;

  return (
    <div className="dbg-card dv" data-testid="debugger-values">
      <h3>Values</h3>
      <div className="dv-layout">
        <nav className="dv-list" aria-label="values">
          {groups.map((g) => (
            <div key={g.group} className="dv-group">
              <div className="dv-group-title">{g.group}</div>
              {g.items.map((i) => (
                <button
                  key={i.name}
                  type="button"
                  className={`dv-item ${i === item ? 'on' : ''} ${hasBad(i) ? 'bad' : ''}`}
                  data-testid={`dv-item-${i.name}`}
                  title={i.tfName}
                  aria-pressed={i === item}
                  onClick={() => setSelected(i.name)}
                >
                  {i.name}
                </button>
              ))}
            </div>
          ))}
        </nav>
        <div className="dv-detail">
          {isParam && (
            <div className="dv-kinds" role="group" aria-label="what of the parameter">
              {PARAM_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  className={`dv-kind ${value.kind === k ? 'on' : ''}`}
                  data-testid={`dv-kind-${k}`}
                  disabled={!item.values[k]}
                  title={item.values[k] ? undefined : k === 'grad' ? 'after backward' : 'after the step'}
                  onClick={() => setKind(k)}
                >
                  {PARAM_KIND_LABEL[k]}
                </button>
              ))}
            </div>
          )}
          <ValueDetail v={value} name={item.name} />
        </div>
      </div>
    </div>
  );
}

function hasBad(i: ValueItem): boolean {
  return Object.values(i.values).some((v) => v && (v.stats.nan > 0 || v.stats.inf > 0));
}

function ValueDetail({ v, name }: { v: DebugValue; name: string }) {
  const rows = headRows(v);
  const partial = headIsPartial(v);
  const bars = histBars(v.stats.hist, HIST_W, HIST_H);
  return (
    <div className="dv-value">
      <div className="dv-title">
        <code title={v.tfName}>{name}</code>
        <span className="dv-shape">[{v.shape.join(', ')}]</span>
        {v.staleFrom && <span className="dv-stale">(from {v.staleFrom})</span>}
      </div>
      {rows.length > 0 && (
        <div className="dv-head-wrap">
          <table className="dv-head">
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j} className={c === 'NaN' || c.endsWith('∞') ? 'bad' : ''}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {partial && (
            <div className="dv-note">
              first {v.head.rows} of {partial.rows} rows × {v.head.cols} of {partial.cols} columns
            </div>
          )}
        </div>
      )}
      <div className="dv-stats" data-testid="dv-stats">
        {statFields(v.stats).map((f) => (
          <span key={f.label} className={f.warn ? 'dv-stat warn' : 'dv-stat'}>
            <span className="dv-stat-label">{f.label}</span> {f.text}
          </span>
        ))}
        {isSampled(v) && <span className="dv-note">of a strided sample of {v.stats.size}</span>}
      </div>
      <svg className="dv-hist" data-testid="dv-hist" viewBox={`0 0 ${HIST_W} ${HIST_H}`} width={HIST_W} height={HIST_H} role="img">
        <title>
          histogram of the finite values, {v.stats.hist.counts.length} bins over [{formatNumber(v.stats.hist.lo)},{' '}
          {formatNumber(v.stats.hist.hi)}]
        </title>
        <line className="dv-hist-axis" x1={0} x2={HIST_W} y1={HIST_H - 0.5} y2={HIST_H - 0.5} />
        {bars.map((b, i) =>
          b.height > 0 ? (
            <rect key={i} className="dv-bar" x={b.x} y={b.y} width={b.width} height={b.height}>
              <title>
                [{formatNumber(b.lo)}, {formatNumber(b.hi)}): {b.count}
              </title>
            </rect>
          ) : null,
        )}
      </svg>
      <div className="dv-hist-range">
        <span>{formatNumber(v.stats.hist.lo)}</span>
        <span>{formatNumber(v.stats.hist.hi)}</span>
      </div>
    </div>
  );
}
