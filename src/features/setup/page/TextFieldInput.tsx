// A text field of a kind's form: its own editor when it names one (the layer list), else a text
// input that refuses a text the kind's check refuses, with the reason, keeping the last good one.
import { useEffect, useState } from 'react';
import { useStore } from '../../../app/store';
import type { FieldValue, TextField } from '../../../shared/params';
import type { FormField } from './setup-form';
import { LayerListEditor } from './LayerListEditor';

export function TextFieldInput({ field, spec, onChange }: { field: FormField; spec: TextField; onChange: (v: FieldValue) => void }) {
  if (spec.editor === 'layers') return <LayerListEditor id={field.id} spec={spec} value={String(field.value)} onChange={onChange} />;
  return <PlainText id={field.id} spec={spec} value={String(field.value)} onChange={onChange} />;
}

function PlainText({ id, spec, value, onChange }: { id: string; spec: TextField; value: string; onChange: (v: string) => void }) {
  const setInvalid = useStore((s) => s.setInvalid);
  const [draft, setDraft] = useState<{ text: string; reason: string | null } | null>(null);
  useEffect(() => () => setInvalid(id, null), [id, setInvalid]);
  const text = draft?.text ?? value;
  const reason = draft?.reason ?? null;
  return (
    <label className={`field${reason ? ' field-bad' : ''}`}>
      <span className="field-label">{spec.label}</span>
      <input
        type="text"
        data-testid={`setting-${id}`}
        value={text}
        aria-invalid={!!reason}
        onChange={(e) => {
          const t = e.currentTarget.value;
          const why = t.length > spec.maxLength ? `at most ${spec.maxLength} characters` : spec.check(t);
          setDraft({ text: t, reason: why });
          setInvalid(id, why);
          if (!why) onChange(t);
        }}
      />
      {reason ? (
        <span className="field-error" role="alert">
          {reason}
        </span>
      ) : (
        spec.help && <span className="field-hint">{spec.help}</span>
      )}
    </label>
  );
}
