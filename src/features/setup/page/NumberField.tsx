// A number input that refuses bad values where they are typed: the reason shows under the
// field, the store's setup keeps the last good value, and Train stays disabled meanwhile. It
// shows the store's value (see field-draft.ts), so whatever sets the setup shows here at once.
import { useEffect, useState } from 'react';
import { useStore } from '../../../app/store';
import { parseNumber, shownField, type Draft } from './field-draft';

export interface FieldRule {
  label: string;
  min: number;
  max: number;
  integer: boolean;
  minExclusive?: boolean;
}

interface Props {
  /** Unique id (store key of its refusal, and data-testid `setting-<id>`). */
  id: string;
  rule: FieldRule;
  value: number;
  onChange: (v: number) => void;
  /** Why `v` is refused (the rule's own check when absent). */
  check: (v: number) => string | null;
  step?: number;
  hint?: string;
  disabled?: boolean;
}

export function NumberField({ id, rule, value, onChange, check, step, hint, disabled }: Props) {
  const refused = useStore((s) => s.invalid[id] !== undefined);
  const setInvalid = useStore((s) => s.setInvalid);
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => () => setInvalid(id, null), [id, setInvalid]);
  const { text, error } = shownField(draft, value, refused);

  const onInput = (t: string) => {
    const v = parseNumber(t);
    const reason = check(v);
    setDraft({ text: t, reason });
    setInvalid(id, reason);
    if (!reason) onChange(v);
  };
  return (
    <label className={`field${error ? ' field-bad' : ''}`}>
      <span className="field-label">{rule.label}</span>
      <input
        type="text"
        inputMode="decimal"
        data-testid={`setting-${id}`}
        value={text}
        step={step}
        disabled={disabled}
        aria-invalid={!!error}
        onChange={(e) => onInput(e.currentTarget.value)}
      />
      {error ? (
        <span className="field-error" role="alert" data-testid={`error-${id}`}>
          {error}
        </span>
      ) : (
        hint && <span className="field-hint">{hint}</span>
      )}
    </label>
  );
}
