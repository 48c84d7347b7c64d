// The Learner's state at the stop, as plain data: where, hyper-parameters, tensors, loss and norms
// (parameters named as PyTorch names them, the tfjs name on hover).
import { useStore } from '../../../app/store';
import { torchName } from '../../../models/torch-names';
import type { DebugNamedNorm, DebugSnapshot, DebugTensor } from '../messages';

const num = (v: number) =>
  v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
const tensor = (t: DebugTensor) => `${t.dtype} [${t.shape.join(', ')}]`;

export function DebuggerState({ s }: { s: DebugSnapshot }) {
  const rows: [string, string][] = [
    ['epoch', `${s.epoch} of ${s.nEpoch}`],
    ['iter', `${s.iter} of ${s.nIter}`],
    ['training', String(s.training)],
    ['train_iter', String(s.trainIter)],
    ['pct_train', s.pctTrain.toFixed(3)],
    ...Object.entries(s.hypers ?? {}).map(([k, v]): [string, string] => [k, num(v)]),
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
          <div key={k} className={k === 'loss' && s.loss !== null && !Number.isFinite(s.loss) ? 'bad' : ''}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <Norms title="gradient norms" hint="after backward" norms={s.gradNorms} color="#f97316" />
      <Norms title="parameter norms" norms={s.paramNorms} color="#6366f1" />
      <Norms title="update sizes" hint="after the step" norms={s.updateNorms} color="#10b981" />
    </div>
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
