// The model (MLP or LeNet-style CNN) and how it is trained (optimizer, lr, wd, batch size, epochs).
import type { ActivationName, ModelSetup, OptimizerName } from '../messages';
import { RULES, ruleError, type RuleKey } from '../setup-rules';
import { useStore } from '../../../app/store';
import { DEFAULT_CNN, DEFAULT_MLP } from './setup-slice';
import { mayChangeSetup } from './guard';
import { NumberField } from './NumberField';

const ACTIVATIONS: ActivationName[] = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'];
const check = (k: RuleKey) => (v: number) => ruleError(RULES[k], v);

export function ModelSection() {
  const model = useStore((s) => s.setup.model);
  const images = useStore((s) => s.setup.dataset.kind === 'mnist' || !!(s.dataset?.imageShape && s.setup.dataset.kind === 'user'));
  const setModel = useStore((s) => s.setModel);
  const change = (m: ModelSetup) => {
    if (mayChangeSetup('model')) setModel(m);
  };
  return (
    <section className="panel setup-section" data-testid="model-section">
      <h2>Model</h2>
      <label className="field">
        <span className="field-label">Architecture</span>
        <select
          data-testid="model-select"
          value={model.kind}
          onChange={(e) => change(e.currentTarget.value === 'cnn' ? DEFAULT_CNN : DEFAULT_MLP)}
        >
          <option value="mlp">MLP (dense layers)</option>
          <option value="cnn" disabled={!images}>
            CNN (LeNet-style){images ? '' : ' — images only'}
          </option>
        </select>
      </label>
      <div className="field-grid">
        {model.kind === 'mlp' ? (
          <>
            <NumberField key="layers" id="model-layers" rule={RULES.layers} value={model.layers} check={check('layers')} onChange={(v) => change({ ...model, layers: v })} />
            <NumberField key="units" id="model-units" rule={RULES.units} value={model.units} check={check('units')} onChange={(v) => change({ ...model, units: v })} />
            <label className="field">
              <span className="field-label">Activation</span>
              <select data-testid="model-activation" value={model.activation} onChange={(e) => change({ ...model, activation: e.currentTarget.value as ActivationName })}>
                {ACTIVATIONS.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <>
            <NumberField key="filters" id="model-filters" rule={RULES.filters} value={model.filters} check={check('filters')} hint="first conv; the second has 2×" onChange={(v) => change({ ...model, filters: v })} />
            <NumberField key="dense" id="model-dense" rule={RULES.dense} value={model.dense} check={check('dense')} onChange={(v) => change({ ...model, dense: v })} />
          </>
        )}
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
          <select data-testid="optimizer-select" value={setup.optimizer} onChange={(e) => update({ optimizer: e.currentTarget.value as OptimizerName })}>
            <option value="adam">Adam</option>
            <option value="sgd">SGD + momentum</option>
          </select>
        </label>
        {setup.optimizer === 'sgd' ? (
          <NumberField id="momentum" rule={RULES.momentum} value={setup.momentum} check={check('momentum')} onChange={(v) => update({ momentum: v })} />
        ) : (
          <span />
        )}
        <NumberField id="lr" rule={RULES.lr} value={setup.lr} check={check('lr')} onChange={(v) => update({ lr: v })} />
        <NumberField id="wd" rule={RULES.wd} value={setup.wd} check={check('wd')} hint="decoupled" onChange={(v) => update({ wd: v })} />
        <NumberField id="batchSize" rule={RULES.batchSize} value={setup.batchSize} check={check('batchSize')} onChange={(v) => update({ batchSize: v })} />
        <NumberField id="epochs" rule={RULES.epochs} value={setup.epochs} check={check('epochs')} onChange={(v) => update({ epochs: v })} />
      </div>
    </section>
  );
}
