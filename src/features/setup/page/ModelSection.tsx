// The model (a kind of the model registry, with its fields) and how it is trained (optimizer, lr,
// wd, batch size, epochs).
import { MemoryLine } from './MemoryLine';
import { dataTraits } from '../../../data/kinds/catalog';
import type { ModelSetup, OptimizerName } from '../messages';
import { RULES, ruleError, type RuleKey } from '../setup-rules';
import { useStore } from '../../../app/store';
import { FieldInput } from './FieldInput';
import { mayChangeSetup } from './guard';
import { NumberField } from './NumberField';
import { modelForm, pickModel, withModelField } from './setup-form';
const check = (k: RuleKey) => (v: number) => ruleError(RULES[k], v);

export function ModelSection() {
  const model = useStore((s) => s.setup.model);
  const dataset = useStore((s) => s.setup.dataset);
  const info = useStore((s) => s.dataset);
  const setModel = useStore((s) => s.setModel);
  const form = modelForm(model, dataTraits(dataset, info));
  const change = (m: ModelSetup) => {
    if (mayChangeSetup('model')) setModel(m);
  };
  return (
    <section className="panel setup-section" data-testid="model-section">
      <h2>Model</h2>
      <label className="field">
        <span className="field-label">Architecture</span>
        <select data-testid="model-select" value={form.value} onChange={(e) => change(pickModel<ModelSetup>(e.currentTarget.value))}>
          {form.options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
        <span className="field-hint">{form.description}</span>
      </label>
      <div className="field-grid">
        {form.fields.map((f) => (
          <FieldInput key={`${model.kind}-${f.id}`} field={f} onChange={(v) => change(withModelField(model, f.spec.key, v))} />
        ))}
      </div>
    </section>
  );
}

export function TrainingSection() {
  const setup = useStore((s) => s.setup);
  const update = useStore((s) => s.updateSetup);
  return (
    <section className="panel setup-section" data-testid="training-section">
      <h2>Training</h2>
      <div className="field-grid">
        <label className="field">
          <span className="field-label">Optimizer</span>
          <select
            data-testid="optimizer-select"
            value={setup.optimizer}
            onChange={(e) => update({ optimizer: e.currentTarget.value as OptimizerName })}
          >
            <option value="adam">Adam</option>
            <option value="sgd">SGD + momentum</option>
          </select>
        </label>
        {setup.optimizer === 'sgd' ? (
          <NumberField
            id="momentum"
            rule={RULES.momentum}
            value={setup.momentum}
            check={check('momentum')}
            onChange={(v) => update({ momentum: v })}
          />
        ) : (
          <span />
        )}
        <NumberField id="lr" rule={RULES.lr} value={setup.lr} check={check('lr')} onChange={(v) => update({ lr: v })} />
        <NumberField id="wd" rule={RULES.wd} value={setup.wd} check={check('wd')} hint="decoupled" onChange={(v) => update({ wd: v })} />
        <NumberField
          id="batchSize"
          rule={RULES.batchSize}
          value={setup.batchSize}
          check={check('batchSize')}
          onChange={(v) => update({ batchSize: v })}
        />
        <NumberField id="epochs" rule={RULES.epochs} value={setup.epochs} check={check('epochs')} onChange={(v) => update({ epochs: v })} />
      </div>
      <label
        className="check-field"
        title="fastai's wd_bn_bias: off by default, so BatchNorm's scale and shift and every bias are not decayed"
      >
        <input
          type="checkbox"
          data-testid="setting-wdBnBias"
          checked={setup.wdBnBias ?? false}
          onChange={(e) => update({ wdBnBias: e.currentTarget.checked })}
        />
        <span>Weight decay on biases and BatchNorm too</span>
      </label>
      <MemoryLine />
    </section>
  );
}
