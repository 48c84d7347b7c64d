// One field of a kind's form: a number input under its rule, or a select of its names.
import { fieldProblem, type FieldValue } from '../../../shared/params';
import type { FormField } from './setup-form';
import { NumberField } from './NumberField';
import { TextFieldInput } from './TextFieldInput';

export function FieldInput({ field, onChange }: { field: FormField; onChange: (v: FieldValue) => void }) {
  const { id, spec, value } = field;
  if (spec.type === 'number') {
    return (
      <NumberField
        id={id}
        rule={spec}
        value={Number(value)}
        step={spec.step}
        hint={spec.help}
        check={(v) => fieldProblem(spec, v)}
        onChange={onChange}
      />
    );
  }
  if (spec.type === 'text') return <TextFieldInput field={field} spec={spec} onChange={onChange} />;
  return (
    <label className="field">
      <span className="field-label">{spec.label}</span>
      <select data-testid={id} value={String(value)} onChange={(e) => onChange(e.currentTarget.value)}>
        {spec.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      {spec.help && <span className="field-hint">{spec.help}</span>}
    </label>
  );
}
