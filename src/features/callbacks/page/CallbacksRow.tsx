// One callback of the registry: description, order, events, a switch, and its parameters
// (checked at the input with the reason shown; numbers are sent on Enter or when the field is left).
import { useState } from 'react';
import { checkParamInput, formatParamValue } from './callback-params';
import { useStore } from '../../../app/store';
import { monitorsFor } from '../../../shared/params';
import { setCallback } from './callbacks-actions';
import { CsvDownload } from './CsvDownload';
import { GradClipStats } from './GradClipStats';
import type { CallbackCatalogEntry, CallbackChoice, ParamSpecData, ParamValue, ParamValues } from '../messages';

interface Props {
  info: CallbackCatalogEntry;
  choice: CallbackChoice | undefined;
  refused: string | undefined;
}

export function CallbacksRow({ info, choice, refused }: Props) {
  const [open, setOpen] = useState(false);
  const plumbing = info.kind === 'plumbing';
  const isDefault = info.kind === 'default' || plumbing;
  const enabled = isDefault || !!choice?.enabled;
  const params = choice?.params ?? {};
  const send = (next: ParamValues, on = enabled) => setCallback(info.name, on, next);
  const showParams = !isDefault && info.params.length > 0 && (open || enabled);
  const switchTitle = plumbing ? 'Always on: the page needs it' : isDefault ? 'Always on' : enabled ? 'Switch off' : 'Switch on';

  return (
    <li
      className={`cb-row${enabled ? ' cb-on' : ''}${isDefault ? ' cb-default' : ''}${plumbing ? ' cb-plumbing' : ''}`}
      data-testid={`cb-${info.name}`}
      data-kind={info.kind}
    >
      <div className="cb-head">
        <label className="switch" title={switchTitle}>
          <input
            type="checkbox"
            role="switch"
            data-testid={`cb-switch-${info.name}`}
            checked={enabled}
            disabled={isDefault}
            onChange={(e) => send(params, e.currentTarget.checked)}
          />
          <span className="switch-track" aria-hidden="true" />
        </label>
        <span className="cb-name">{info.name}</span>
        <span className="cb-order" title="Callbacks run in ascending order">
          order {info.order}
        </span>
        {plumbing ? (
          <span
            className="cb-tag"
            title="Not fastai's: the page installs it in every run; fastai's views hide it unless 'show page plumbing'"
          >
            page plumbing
          </span>
        ) : (
          isDefault && <span className="cb-tag">default</span>
        )}
        {!isDefault && info.params.length > 0 && !enabled && (
          <button type="button" className="cb-link" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? 'hide' : 'parameters'}
          </button>
        )}
      </div>
      <p className="cb-desc">{info.description}</p>
      <p className="cb-events">{info.events.join(' · ')}</p>
      {showParams && (
        <div className="cb-params">
          {info.params.map((spec) => (
            <ParamInput
              key={spec.name}
              owner={info.name}
              spec={spec}
              value={params[spec.name] ?? spec.default}
              onCommit={(v) => send({ ...params, [spec.name]: v })}
            />
          ))}
        </div>
      )}
      {info.name === 'CSVLogger' && enabled && <CsvDownload />}
      {info.name === 'GradientClip' && enabled && <GradClipStats />}
      {refused && (
        <p className="cb-refused" role="alert" data-testid={`cb-refused-${info.name}`}>
          {refused}
        </p>
      )}
    </li>
  );
}

interface ParamProps {
  owner: string;
  spec: ParamSpecData;
  value: ParamValue;
  onCommit: (v: ParamValue) => void;
}

/** One parameter: a checkbox, a select or a text field checked as typed. */
export function ParamInput({ owner, spec, value, onCommit }: ParamProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = `cbp-${owner}-${spec.name}`;
  const monitors = useStore((s) => monitorsFor(s.dataset?.task ?? null).join(','));
  const check = draft === null ? null : checkParamInput(spec, draft, monitors.split(','));
  const commit = () => {
    if (check?.ok && check.value !== value) onCommit(check.value);
    if (check?.ok) setDraft(null);
  };
  let control;
  if (spec.type === 'boolean') {
    control = (
      <input id={id} data-testid={id} type="checkbox" checked={Boolean(value)} onChange={(e) => onCommit(e.currentTarget.checked)} />
    );
  } else if (spec.type === 'enum') {
    control = (
      <select id={id} data-testid={id} value={String(value)} onChange={(e) => onCommit(e.currentTarget.value)}>
        {spec.options?.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        data-testid={id}
        className={check && !check.ok ? 'invalid' : undefined}
        aria-invalid={check ? !check.ok : false}
        list={spec.type === 'monitor' ? 'cb-monitors' : undefined}
        value={draft ?? formatParamValue(value)}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    );
  }
  return (
    <div className="cb-param">
      <label htmlFor={id} title={spec.description}>
        {spec.name}
      </label>
      {control}
      <span
        className={check && !check.ok ? 'cb-param-error' : 'cb-param-hint'}
        data-testid={check && !check.ok ? `${id}-error` : undefined}
      >
        {check && !check.ok ? check.reason : spec.description}
      </span>
    </div>
  );
}
