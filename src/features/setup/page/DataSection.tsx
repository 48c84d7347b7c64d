// The dataset: an entry of the dataset registry's picker, with the fields of its kind.
import { createDataset, dataTraits } from '../../../data/kinds/catalog';
import { modelFor } from '../../../models/kinds/catalog';
import type { DatasetSetup } from '../messages';
import { useStore } from '../../../app/store';
import { FieldInput } from './FieldInput';
import { FilePicker } from './FilePicker';
import { mayChangeSetup } from './guard';
import { dataForm, withDataField } from './setup-form';

export function DataSection() {
  const ds = useStore((s) => s.setup.dataset);
  const info = useStore((s) => s.dataset);
  const setDataset = useStore((s) => s.setDataset);
  const userFile = useStore((s) => s.userFile);
  const form = dataForm(ds, userFile);

  const choose = (choice: string) => {
    if (!mayChangeSetup('dataset')) return;
    const next = createDataset<DatasetSetup>(choice, { seed: ds.seed, validPct: ds.validPct });
    setDataset(next);
    const s = useStore.getState();
    s.setModel(modelFor(s.setup.model, dataTraits(next, info)));
  };

  return (
    <section className="panel setup-section" data-testid="data-section">
      <h2>Data</h2>
      <label className="field">
        <span className="field-label">Dataset</span>
        <select data-testid="dataset-select" value={form.value} onChange={(e) => choose(e.currentTarget.value)}>
          {form.groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value} disabled={o.disabled}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {form.description && <span className="field-hint">{form.description}</span>}
      </label>
      <div className="field-grid">
        {form.fields.map((f) => (
          <FieldInput
            key={`${form.value}-${f.id}`}
            field={f}
            onChange={(v) => mayChangeSetup('dataset') && setDataset(withDataField(ds, f.spec.key, v))}
          />
        ))}
      </div>
      <FilePicker />
    </section>
  );
}
