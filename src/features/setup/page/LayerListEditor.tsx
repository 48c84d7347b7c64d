// The layer-list model's editor: the list as rows (type, arguments, output shape and parameters on
// the loaded data, move and remove), a preset to start from, a layer to add, and the list as text.
// Each edit stores the list's canonical text in the setup; a value the rules refuse stays in its
// input with the reason and keeps Train off, and so does a list that does not fit the data.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../../app/store';
import { parseLayers, printLayers, type LayerItem } from '../../../models/layers/layer-list';
import { argProblem } from '../../../models/layers/layer-list';
import { layerType } from '../../../models/layers/layer-types';
import { LAYER_PRESETS, findPreset } from '../../../models/layers/presets';
import type { TextField } from '../../../shared/params';
import { probeEditorCommitted, probeEditorEdit } from '../../../app/perf-probe';
import { argsOf, editLayers, ioOf, planOn, shapeText, typeGroups, type LayerEdit } from './layer-edits';
import { mayChangeSetup } from './guard';
import './layer-list.css';

const NO_LAYERS: LayerItem[] = [];

interface Props {
  id: string;
  spec: TextField;
  value: string;
  onChange: (v: string) => void;
}

export function LayerListEditor({ id, value, onChange }: Props) {
  const info = useStore((s) => s.dataset);
  const setInvalid = useStore((s) => s.setInvalid);
  const [asText, setAsText] = useState(false);
  const parsed = useMemo(() => parseLayers(value), [value]);
  const layers = parsed.ok ? parsed.layers : NO_LAYERS;
  const io = useMemo(() => ioOf(info), [info]);
  const plan = useMemo(() => planOn(layers, io), [layers, io]);
  const fit = plan?.problem ?? null;
  useEffect(() => {
    setInvalid(`${id}-fit`, fit);
    return () => setInvalid(`${id}-fit`, null);
  }, [id, fit, setInvalid]);
  useEffect(() => probeEditorCommitted(layers.length));

  const edit = (e: LayerEdit) => {
    if (mayChangeSetup('model')) onChange(printLayers(editLayers(layers, e)));
  };
  const preset = findPreset(value);
  return (
    <div className="layer-editor" data-testid={`setting-${id}`}>
      <div className="layer-editor-top">
        <label className="layer-preset">
          <span className="field-label">Preset</span>
          <select data-testid="layer-preset" value={preset?.id ?? ''} onChange={(e) => choosePreset(e.currentTarget.value)}>
            {!preset && <option value="">Your own list</option>}
            {LAYER_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="link-button" data-testid="layer-text-toggle" onClick={() => setAsText(!asText)}>
          {asText ? 'Edit as rows' : 'Edit as text'}
        </button>
      </div>
      {preset && <p className="field-hint layer-teaches">{preset.teaches}</p>}
      {asText ? (
        <ListText id={id} value={value} onChange={(v) => mayChangeSetup('model') && onChange(v)} />
      ) : (
        <ol className="layer-rows" data-testid="layer-rows">
          {layers.map((item, i) => (
            <LayerRowView
              key={`${i}-${item.type}`}
              id={id}
              index={i}
              item={item}
              count={layers.length}
              row={plan?.rows[i] ?? null}
              edit={edit}
            />
          ))}
          <li className="layer-row layer-head" data-testid="layer-head">
            <span className="layer-index">{layers.length + 1}</span>
            <span className="layer-name">Linear → {io ? io.outputs : 'n'} outputs</span>
            <span />
            <span className="layer-line">
              <span className="layer-note muted">the output layer, sized by the data</span>
              <span className="layer-meta">
                → {shapeText(plan?.head.output ?? null)}
                <span className="layer-params">{plan ? plan.head.params.toLocaleString('en-US') : ''}</span>
              </span>
            </span>
          </li>
        </ol>
      )}
      {!asText && <AddLayer onAdd={(type) => edit({ op: 'add', type })} full={layers.length >= 64} />}
      <p className="layer-total" data-testid="layer-total">
        {plan ? `${plan.totalParams.toLocaleString('en-US')} parameters` : 'Shapes show once the data is loaded'}
      </p>
      {fit && (
        <p className="field-error" role="alert" data-testid="layer-fit-error">
          {fit}
        </p>
      )}
    </div>
  );

  function choosePreset(pid: string) {
    const p = LAYER_PRESETS.find((x) => x.id === pid);
    if (!p || !mayChangeSetup('model')) return;
    const { setup, setModel } = useStore.getState();
    if (setup.model.kind === 'layers') setModel({ ...setup.model, stack: p.stack, init: p.init });
  }
}

function LayerRowView({
  id,
  index,
  item,
  count,
  row,
  edit,
}: {
  id: string;
  index: number;
  item: LayerItem;
  count: number;
  row: { output: readonly number[] | null; params: number; problem: string | null } | null;
  edit: (e: LayerEdit) => void;
}) {
  const spec = layerType(item.type);
  return (
    <li className={`layer-row${row?.problem ? ' layer-bad' : ''}`} data-testid="layer-row" title={spec?.description}>
      <span className="layer-index">{index + 1}</span>
      <select
        className="layer-type"
        data-testid="layer-type"
        aria-label={`Layer ${index + 1} type`}
        value={item.type}
        onChange={(e) => edit({ op: 'type', index, type: e.currentTarget.value })}
      >
        <TypeOptions />
      </select>
      <span className="layer-tools">
        <button
          type="button"
          aria-label={`Move layer ${index + 1} up`}
          disabled={index === 0}
          onClick={() => edit({ op: 'move', index, by: -1 })}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move layer ${index + 1} down`}
          disabled={index === count - 1}
          onClick={() => edit({ op: 'move', index, by: 1 })}
        >
          ↓
        </button>
        <button type="button" aria-label={`Remove layer ${index + 1}`} disabled={count === 1} onClick={() => edit({ op: 'remove', index })}>
          ✕
        </button>
      </span>
      <span className="layer-line">
        <span className="layer-args">
          {argsOf(item).map((a) => (
            <ArgInput
              key={a.spec.key}
              id={`${id}.${index}.${a.spec.key}`}
              arg={a.spec}
              value={a.value}
              onValue={(v) => edit({ op: 'arg', index, key: a.spec.key, value: v })}
            />
          ))}
        </span>
        <span className="layer-meta" title="output shape (without the batch) · parameters (tfjs counts BatchNorm's running statistics too)">
          → <span data-testid="layer-out">{shapeText(row?.output ?? null)}</span>
          <span className="layer-params" data-testid="layer-params">
            {row && !row.problem ? row.params.toLocaleString('en-US') : ''}
          </span>
        </span>
      </span>
      {row?.problem && (
        <span className="layer-problem" data-testid="layer-problem">
          {row.problem}
        </span>
      )}
    </li>
  );
}

function TypeOptions() {
  return (
    <>
      {typeGroups().map((g) => (
        <optgroup key={g.group} label={g.group}>
          {g.types.map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/** One argument: its draft text stays while refused, with the reason; a good value is an edit. */
function ArgInput({
  id,
  arg,
  value,
  onValue,
}: {
  id: string;
  arg: { key: string; label: string; min: number; max: number; integer: boolean; help?: string };
  value: number;
  onValue: (v: number) => void;
}) {
  const setInvalid = useStore((s) => s.setInvalid);
  const [draft, setDraft] = useState<{ text: string; reason: string | null } | null>(null);
  useEffect(() => () => setInvalid(id, null), [id, setInvalid]);
  const reason = draft?.reason ?? null;
  return (
    <label
      className={`layer-arg${reason ? ' field-bad' : ''}`}
      title={`${arg.label}${arg.help ? ` (${arg.help})` : ''}: ${arg.min} to ${arg.max}`}
    >
      <span>{arg.key}</span>
      <input
        type="text"
        inputMode="decimal"
        data-testid={`layer-arg-${arg.key}`}
        value={draft?.text ?? String(value)}
        aria-invalid={!!reason}
        onChange={(e) => {
          const text = e.currentTarget.value;
          const v = text.trim() === '' ? Number.NaN : Number(text);
          const why = argProblem(arg, v);
          setDraft({ text, reason: why });
          setInvalid(id, why ? `${arg.label}: ${why}` : null);
          if (!why) {
            probeEditorEdit(e.timeStamp);
            onValue(v);
          }
        }}
        onBlur={() => !reason && setDraft(null)}
      />
      {reason && (
        <span className="field-error" role="alert">
          {reason}
        </span>
      )}
    </label>
  );
}

function AddLayer({ onAdd, full }: { onAdd: (type: string) => void; full: boolean }) {
  return (
    <label className="layer-add">
      <select data-testid="layer-add" value="" disabled={full} onChange={(e) => e.currentTarget.value && onAdd(e.currentTarget.value)}>
        <option value="">{full ? 'A list has at most 64 layers' : '+ Add a layer…'}</option>
        <TypeOptions />
      </select>
    </label>
  );
}

/** The list as text: any spelling the grammar reads; stored in its canonical form. */
function ListText({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const setInvalid = useStore((s) => s.setInvalid);
  const [draft, setDraft] = useState<{ text: string; reason: string | null } | null>(null);
  useEffect(() => () => setInvalid(`${id}-text`, null), [id, setInvalid]);
  return (
    <div className={`layer-text${draft?.reason ? ' field-bad' : ''}`}>
      <textarea
        data-testid="layer-text"
        rows={6}
        spellCheck={false}
        value={draft?.text ?? value.replace(/\) /g, ')\n')}
        onChange={(e) => {
          const text = e.currentTarget.value;
          const p = parseLayers(text);
          const why = p.ok ? null : p.reason;
          setDraft({ text, reason: why });
          setInvalid(`${id}-text`, why);
          if (p.ok) onChange(printLayers(p.layers));
        }}
      />
      {draft?.reason ? (
        <span className="field-error" role="alert" data-testid="layer-text-error">
          {draft.reason}
        </span>
      ) : (
        <span className="field-hint">One layer per line or space: conv(16, ks=3, stride=2) bn2d relu … flatten</span>
      )}
    </div>
  );
}
