// A number input that refuses bad values where they are typed: the reason shows under the
// field, the store's setup keeps the last good value, and Train stays disabled meanwhile.
import { useEffect, useState } from 'react';
import { useStore } from '../../../app/store';

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
  const version = useStore((s) => s.setupVersion);
  const setInvalid = useStore((s) => s.setInvalid);
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  // Re-read the value when the setup is replaced from outside the form (state adjusted while
  // rendering, React's pattern for resetting state when a prop changes).
  const [seenVersion, setSeenVersion] = useState(version);
  if (seenVersion !== version) {
    setSeenVersion(version);
    setText(String(value));
    setError(null);
  }
  useEffect(() => () => setInvalid(id, null), [id, setInvalid]);

  const onInput = (t: string) => {
    setText(t);
    const v = t.trim() === '' ? Number.NaN : Number(t);
    const reason = check(v);
    setError(reason);
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
