// The dataset: a synthetic generator with its parameters, MNIST, or the user's file.
import { SEED_PARAM, SYNTHETIC, VALID_PCT_PARAM, defaultParams, paramError, syntheticSpec, type ParamSpec } from '../../../data/synthetic';
import type { DatasetSetup, SyntheticId } from '../messages';
import { DEFAULT_MNIST, RULES, ruleError } from '../setup-rules';
import { useStore } from '../../../app/store';
import { modelFor } from './setup-slice';
import { FilePicker } from './FilePicker';
import { mayChangeSetup } from './guard';
import { NumberField } from './NumberField';

type Choice = SyntheticId | 'mnist' | 'user';

function choiceOf(ds: DatasetSetup): Choice {
  return ds.kind === 'synthetic' ? ds.id : ds.kind;
}

export function DataSection() {
  const ds = useStore((s) => s.setup.dataset);
  const info = useStore((s) => s.dataset);
  const setDataset = useStore((s) => s.setDataset);
  const userFile = useStore((s) => s.userFile);

  const choose = (c: Choice) => {
    if (!mayChangeSetup('dataset')) return;
    const common = { seed: ds.seed, validPct: ds.validPct };
    let next: DatasetSetup;
    if (c === 'mnist') next = { ...DEFAULT_MNIST, ...common };
    else if (c === 'user') next = { kind: 'user', ...common };
    else {
      const spec = syntheticSpec(c);
      const params = defaultParams(spec);
      delete params.seed;
      next = { kind: 'synthetic', id: c, params, ...common };
    }
    setDataset(next);
    const s = useStore.getState();
    s.setModel(modelFor(s.setup.model, c === 'mnist' || (c === 'user' && !!info?.imageShape)));
  };

  const spec = ds.kind === 'synthetic' ? syntheticSpec(ds.id) : null;
  const param = (p: ParamSpec) =>
    spec &&
    ds.kind === 'synthetic' && (
      <NumberField
        key={`${ds.id}-${p.key}`}
        id={`data-${p.key}`}
        rule={p}
        value={ds.params[p.key]}
        check={(v) => paramError(p, v)}
        hint={p.help}
        onChange={(v) => setDataset({ ...ds, params: { ...ds.params, [p.key]: v } })}
      />
    );

  return (
    <section className="panel setup-section" data-testid="data-section">
      <h2>Data</h2>
      <label className="field">
        <span className="field-label">Dataset</span>
        <select data-testid="dataset-select" value={choiceOf(ds)} onChange={(e) => choose(e.currentTarget.value as Choice)}>
          <optgroup label="2-D">
            {SYNTHETIC.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Images">
            <option value="mnist">MNIST digits</option>
          </optgroup>
          <optgroup label="Yours">
            <option value="user" disabled={!userFile}>
              {userFile ?? 'Your file (load one below)'}
            </option>
          </optgroup>
        </select>
        {spec && <span className="field-hint">{spec.description}</span>}
      </label>
      <div className="field-grid">
        {spec?.params.map(param)}
        {ds.kind === 'mnist' && (
          <NumberField
            id="data-limit"
            rule={RULES.limit}
            value={ds.limit}
            check={(v) => ruleError(RULES.limit, v)}
            hint="of the 10,000"
            onChange={(v) => setDataset({ ...ds, limit: v })}
          />
        )}
        <NumberField
          key={`${choiceOf(ds)}-validPct`}
          id="data-validPct"
          rule={VALID_PCT_PARAM}
          value={ds.validPct}
          check={(v) => paramError(VALID_PCT_PARAM, v)}
          onChange={(v) => setDataset({ ...ds, validPct: v })}
        />
        <NumberField
          key={`${choiceOf(ds)}-seed`}
          id="data-seed"
          rule={SEED_PARAM}
          value={ds.seed}
          check={(v) => paramError(SEED_PARAM, v)}
          onChange={(v) => setDataset({ ...ds, seed: v })}
        />
      </div>
      <FilePicker />
    </section>
  );
}
