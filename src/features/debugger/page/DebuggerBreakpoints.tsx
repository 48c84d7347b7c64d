// Breakpoints: pick an event and optional conditions; enable, disable or remove each one.
import { useState } from 'react';
import type { DebugCondition, DebugEvent } from '../messages';
import { useStore } from '../../../app/store';
import { describeBreakpoint } from '../../../shared/debug';
import { EVENTS } from '../../../shared/events';

type Op = '' | 'eq' | 'gte';

export function DebuggerBreakpoints() {
  const breakpoints = useStore((s) => s.debug.breakpoints);
  const add = useStore((s) => s.addBreakpoint);
  const toggle = useStore((s) => s.toggleBreakpoint);
  const remove = useStore((s) => s.removeBreakpoint);
  const [event, setEvent] = useState<DebugEvent>('after_loss');
  const [epochOp, setEpochOp] = useState<Op>('');
  const [epoch, setEpoch] = useState(0);
  const [iterOp, setIterOp] = useState<Op>('');
  const [iter, setIter] = useState(0);
  const [lossAbove, setLossAbove] = useState<number | null>(null);
  const [notFinite, setNotFinite] = useState(false);
  const [phase, setPhase] = useState<'' | 'train' | 'valid'>('');

  const conditions: DebugCondition[] = [];
  if (epochOp) conditions.push({ kind: 'epoch', op: epochOp, value: epoch });
  if (iterOp) conditions.push({ kind: 'iter', op: iterOp, value: iter });
  if (lossAbove !== null) conditions.push({ kind: 'lossAbove', value: lossAbove });
  if (notFinite) conditions.push({ kind: 'lossNotFinite' });
  if (phase) conditions.push({ kind: 'phase', phase });

  return (
    <div className="dbg-card dbg-breakpoints">
      <h3>Breakpoints</h3>
      <div className="dbg-bp-form">
        <label className="dbg-row">
          <span>at</span>
          <select data-testid="bp-event" value={event} onChange={(e) => setEvent(e.target.value as DebugEvent)}>
            {EVENTS.map((ev) => (
              <option key={ev}>{ev}</option>
            ))}
          </select>
        </label>
        <OpField label="epoch" op={epochOp} value={epoch} onOp={setEpochOp} onValue={setEpoch} />
        <OpField label="iter" op={iterOp} value={iter} onOp={setIterOp} onValue={setIter} />
        <label className="dbg-row">
          <input type="checkbox" checked={lossAbove !== null} onChange={(e) => setLossAbove(e.target.checked ? 1 : null)} />
          <span>loss &gt;</span>
          <input
            type="number"
            step="any"
            disabled={lossAbove === null}
            value={lossAbove ?? 1}
            onChange={(e) => setLossAbove(Number(e.target.value))}
          />
        </label>
        <label className="dbg-row">
          <input type="checkbox" checked={notFinite} onChange={(e) => setNotFinite(e.target.checked)} />
          <span>loss not finite</span>
        </label>
        <label className="dbg-row">
          <span>phase</span>
          <select value={phase} onChange={(e) => setPhase(e.target.value as typeof phase)}>
            <option value="">train or valid</option>
            <option value="train">training only</option>
            <option value="valid">validation only</option>
          </select>
        </label>
        <button className="primary" data-testid="bp-add" onClick={() => add(event, conditions)}>
          Add breakpoint
        </button>
      </div>
      <ul className="dbg-bp-list" data-testid="bp-list">
        {breakpoints.length === 0 && <li className="muted">None yet: the run will not stop (Pause now still works).</li>}
        {breakpoints.map((bp) => (
          <li key={bp.id} className={bp.enabled ? '' : 'off'} data-testid="bp-item">
            <input type="checkbox" checked={bp.enabled} onChange={() => toggle(bp.id)} aria-label="enabled" data-testid="bp-toggle" />
            <span className="dbg-dot" aria-hidden="true" />
            <code>{describeBreakpoint(bp)}</code>
            <button className="link" onClick={() => remove(bp.id)} aria-label="remove breakpoint">
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function OpField(p: { label: string; op: Op; value: number; onOp: (o: Op) => void; onValue: (v: number) => void }) {
  return (
    <label className="dbg-row">
      <span>{p.label}</span>
      <select value={p.op} onChange={(e) => p.onOp(e.target.value as Op)}>
        <option value="">any</option>
        <option value="eq">=</option>
        <option value="gte">≥</option>
      </select>
      <input
        type="number"
        min={0}
        step={1}
        disabled={!p.op}
        value={p.value}
        onChange={(e) => p.onValue(Math.max(0, Math.round(Number(e.target.value))))}
      />
    </label>
  );
}
