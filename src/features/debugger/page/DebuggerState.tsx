// The Learner's state at the stop, as plain data: where, hyper-parameters (lr, mom, wd editable while
// paused), tensors, loss and norms (parameters named as PyTorch names them, the tfjs name on hover).
import { useState } from 'react';
import { useStore } from '../../../app/store';
import { torchName } from '../../../models/torch-names';
import { DEBUG_HYPERS, hyperError, type DebugHypers, type DebugNamedNorm, type DebugSnapshot, type DebugTensor } from '../messages';
import { setHypers } from './debugger-actions';

const num = (v: number) =>
  v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
const tensor = (t: DebugTensor) => `${t.dtype} [${t.shape.join(', ')}]`;

const EDITABLE = new Set<string>(DEBUG_HYPERS);
/** Rows whose values are long (tensor shapes): the whole width. */
const WIDE = new Set(['xb', 'yb', 'pred']);

export function DebuggerState({ s, paused, stop }: { s: DebugSnapshot; paused: boolean; stop: number }) {
  const editable = paused && s.hypers !== null && DEBUG_HYPERS.some((k) => s.hypers![k] !== undefined);
  const hypers = Object.entries(s.hypers ?? {}).filter(([k]) => !(editable && EDITABLE.has(k)));
  const rows: [string, string][] = [
    ['epoch', `${s.epoch} of ${s.nEpoch}`],
    ['iter', `${s.iter} of ${s.nIter}`],
    ['training', String(s.training)],
    ['train_iter', String(s.trainIter)],
    ['pct_train', s.pctTrain.toFixed(3)],
    ...hypers.map(([k, v]): [string, string] => [k, num(v)]),
    ['xb', s.xb.map(tensor).join(', ') || '—'],
    ['yb', s.yb.map(tensor).join(', ') || '—'],
    ['pred', s.pred ? tensor(s.pred) : '— (after_pred)'],
    ['loss', s.loss === null ? '— (after_loss)' : num(s.loss)],
  ];
  return (
    <div className="dbg-card dbg-state-card">
      <h3>Learner state</h3>
      <dl className="dbg-kv" data-testid="dbg-state">
        {rows.map(([k, v]) => (
          <div
            key={k}
            className={`${WIDE.has(k) ? 'wide' : ''} ${k === 'loss' && s.loss !== null && !Number.isFinite(s.loss) ? 'bad' : ''}`}
          >
            <dt>{k}</dt>
            <dd title={v}>{v}</dd>
          </div>
        ))}
      </dl>
      {editable && <HyperEditor key={stop} hypers={s.hypers!} />}
      <Norms title="gradient norms" hint="after backward" norms={s.gradNorms} color="#f97316" />
      <Norms title="parameter norms" norms={s.paramNorms} color="#6366f1" />
      <Norms title="update sizes" hint="after the step" norms={s.updateNorms} color="#10b981" />
    </div>
  );
}

/** lr, mom, wd of the optimizer, checked as typed; Set sends the changed ones, applied as the loop resumes. */
function HyperEditor({ hypers }: { hypers: Record<string, number> }) {
  const keys = DEBUG_HYPERS.filter((k) => hypers[k] !== undefined);
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(keys.map((k) => [k, String(hypers[k])])));
  const [sent, setSent] = useState<DebugHypers | null>(null);
  const parsed = keys.map((k) => {
    const text = draft[k].trim();
    const value = text === '' ? Number.NaN : Number(text);
    return { key: k, value, error: hyperError(k, value) };
  });
  const errors = parsed.filter((p) => p.error);
  const changed = parsed.filter((p) => !p.error && p.value !== hypers[p.key]);
  const submit = () => {
    if (errors.length || !changed.length) return;
    const h: DebugHypers = Object.fromEntries(changed.map((p) => [p.key, p.value]));
    setHypers(h);
    setSent(h);
  };
  return (
    <form
      className="dbg-hypers"
      data-testid="dbg-hypers"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="dbg-hypers-row">
        {parsed.map((p) => (
          <label key={p.key} className={p.error ? 'bad' : ''}>
            <span>{p.key}</span>
            <input
              type="number"
              step="any"
              min={0}
              max={p.key === 'mom' ? 1 : undefined}
              data-testid={`dbg-hyper-${p.key}`}
              value={draft[p.key]}
              aria-invalid={p.error ? true : undefined}
              onChange={(e) => setDraft({ ...draft, [p.key]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit" data-testid="dbg-hypers-set" disabled={errors.length > 0 || changed.length === 0}>
          Set
        </button>
      </div>
      {errors.length > 0 ? (
        <div className="dbg-hypers-note bad" role="alert">
          {errors.map((p) => p.error).join('; ')}
        </div>
      ) : sent ? (
        <div className="dbg-hypers-note" data-testid="dbg-hypers-sent">
          {Object.entries(sent)
            .map(([k, v]) => `${k} ${hypers[k]} → ${v}`)
            .join(', ')}{' '}
          from the next step: applied when the loop resumes.
        </div>
      ) : (
        <div className="dbg-hypers-note muted">
          Edit while paused: applied when the loop resumes. A ParamScheduler (fit_one_cycle) sets lr and mom again at its next before_batch.
        </div>
      )}
    </form>
  );
}

function Norms({ title, hint, norms, color }: { title: string; hint?: string; norms: DebugNamedNorm[] | null; color: string }) {
  const names = useStore((s) => s.modelNames);
  const max = Math.max(1e-12, ...(norms ?? []).map((n) => (Number.isFinite(n.norm) ? n.norm : 0)));
  return (
    <div className="dbg-norms">
      <div className="dbg-norms-title">
        {title} {!norms && hint && <span className="caption-note">— {hint}</span>}
      </div>
      {norms?.map((n) => (
        <div key={n.name} className="dbg-norm">
          <span className="dbg-norm-name" title={n.name}>
            {torchName(names, n.name)}
          </span>
          <span className="dbg-norm-track">
            <span style={{ width: `${Number.isFinite(n.norm) ? (100 * n.norm) / max : 100}%`, background: color }} />
          </span>
          <span className="dbg-norm-value">{num(n.norm)}</span>
        </div>
      ))}
    </div>
  );
}
