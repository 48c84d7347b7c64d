// The LR finder: a button that runs fastai's lr_find on a fresh Learner of the current setup,
// the loss-vs-lr curve on a log axis with the suggestions marked, and "use this lr".
import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { applySuggestedLr, cancelLrFinder, runLrFinder } from './lr-finder-actions';
import { progressText } from './lr-find-progress';
import { finding, type LrFindState } from './lr-finder-slice';
import { runActive } from '../../run/page/run-slice';
import { decadeTicks, formatLr, plotPoints, SUGGESTION_STYLE, suggestionList } from './lr-find-data';
import { useStore } from '../../../app/store';
import type { ParamValue } from '../../callbacks/messages';
import { ParamInput } from '../../callbacks/page/CallbacksRow';
import './lr-finder.css';

const AXIS = { fontSize: 12, fill: '#6b7280' };
/** Four significant digits: a flat curve's ticks (1.112, 1.114) stay apart. */
const formatLoss = (v: number) => String(Number(v.toPrecision(4)));

export function CallbacksLrFinder() {
  const finder = useStore((s) => s.lrFind);
  const info = useStore((s) => s.callbacks.catalog.find((c) => c.name === 'LRFinder'));
  const runActiveNow = useStore(runActive);
  const workerBusy = useStore((s) => s.activity !== 'idle');
  const lr = useStore((s) => s.setup.lr);
  const [params, setParams] = useState<Record<string, ParamValue>>({});
  const running = finding(finder);
  const busy = running || runActiveNow || workerBusy;
  const done = finder.state === 'done';
  const data = useMemo(() => plotPoints(finder.points, done), [finder.points, done]);
  const ticks = useMemo(() => decadeTicks(data), [data]);
  const marks = suggestionList(finder.result?.suggestions);

  return (
    <div className="panel cb-finder" data-testid="lr-finder" data-state={finder.state} data-points={data.length}>
      <div className="cb-finder-head">
        <h3>
          LR finder <span className="caption-note">{info?.description}</span>
        </h3>
        <div className="cb-finder-buttons">
          {running && (
            <button type="button" data-testid="lr-find-cancel" disabled={finder.state === 'cancelling'} onClick={cancelLrFinder}>
              {finder.state === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
          <button
            type="button"
            className="primary"
            data-testid="lr-find-button"
            disabled={busy || !info}
            onClick={() => runLrFinder(params)}
          >
            {running ? 'Finding…' : 'Find a learning rate'}
          </button>
        </div>
      </div>
      <FindProgress finder={finder} />
      {info && (
        <div className="cb-params cb-finder-params">
          {info.params.map((spec) => (
            <ParamInput
              key={spec.name}
              owner="LRFinder"
              spec={spec}
              value={params[spec.name] ?? spec.default}
              onCommit={(v) => setParams({ ...params, [spec.name]: v })}
            />
          ))}
        </div>
      )}
      {finder.error && (
        <p className="cb-refused" role="alert">
          {finder.error}
        </p>
      )}
      {data.length > 1 ? (
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data} margin={{ top: 8, right: 20, bottom: 18, left: 0 }}>
            <CartesianGrid stroke="#e7e9f0" />
            <XAxis
              dataKey="lr"
              type="number"
              scale="log"
              domain={['dataMin', 'dataMax']}
              ticks={ticks}
              tick={AXIS}
              tickFormatter={(v: number) => v.toExponential(0).replace('e+', 'e')}
              label={{ value: 'learning rate (log scale)', position: 'insideBottom', offset: -10, fontSize: 12, fill: '#6b7280' }}
              allowDataOverflow
            />
            <YAxis dataKey="loss" domain={['auto', 'auto']} tick={AXIS} width={48} tickFormatter={formatLoss} />
            <Tooltip
              formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))}
              labelFormatter={(l) => `lr ${formatLr(Number(l))}`}
            />
            <Line dataKey="loss" name="smoothed loss" stroke="#6366f1" strokeWidth={2} dot={false} isAnimationActive={false} />
            {marks.map(({ name, s }) => (
              <ReferenceDot
                key={name}
                x={s.point.lr}
                y={s.point.loss}
                r={6}
                fill={SUGGESTION_STYLE[name].color}
                stroke="white"
                strokeWidth={2}
                ifOverflow="extendDomain"
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      ) : (
        <div className="chart-empty">
          {running
            ? 'Mock training with a growing lr…'
            : 'Runs a short mock training (weights are thrown away) and suggests a learning rate.'}
        </div>
      )}
      {done && (
        <ul className="cb-suggestions" data-testid="lr-suggestions">
          {marks.map(({ name, s }) => (
            <li key={name}>
              <span className="sugg-dot" style={{ background: SUGGESTION_STYLE[name].color }} />
              <span className="sugg-name">{SUGGESTION_STYLE[name].label}</span>
              <code>{formatLr(s.lr)}</code>
              <button type="button" data-testid={`use-lr-${name}`} disabled={runActiveNow} onClick={() => applySuggestedLr(s.lr)}>
                Use
              </button>
            </li>
          ))}
          <li className="muted cb-small">current lr: {formatLr(lr)}</li>
        </ul>
      )}
    </div>
  );
}

/** Iteration i/n and time left while it runs (re-read every second, not per message), or how it ended. */
function FindProgress({ finder }: { finder: LrFindState }) {
  const live = finder.state === 'running';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  // (a clock older than the latest points is theirs: the estimate starts from them)
  const text = progressText(finder, Math.max(now, finder.pace?.lastAt ?? 0));
  if (!text) return null;
  return (
    <p className="muted cb-small cb-finder-progress" data-testid="lr-find-progress" data-state={finder.state}>
      {text}
    </p>
  );
}
