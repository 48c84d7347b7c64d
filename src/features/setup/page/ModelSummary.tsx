// The model's layers, named as in the exported fastai script's nn.Sequential (the tfjs layer on hover).
import { useStore } from '../../../app/store';
import { torchName } from '../../../models/torch-names';

const shape = (s: (number | null)[]) => `[${s.map((d) => d ?? 'bs').join(', ')}]`;

export function ModelSummaryView() {
  const summary = useStore((s) => s.summary);
  const problem = useStore((s) => s.summaryProblem);
  const info = useStore((s) => s.dataset);
  return (
    <section className="panel summary" data-testid="model-summary">
      <h2>
        Model summary
        {summary && <span className="caption-note"> · {summary.totalParams.toLocaleString('en-US')} parameters</span>}
      </h2>
      {info && (
        <p className="muted" data-testid="dataset-info">
          {info.name}: {info.nTrain.toLocaleString('en-US')} train / {info.nValid.toLocaleString('en-US')} valid ·{' '}
          {info.imageShape ? `${info.imageShape.join('×')} images` : `${info.nFeatures} features`} ·{' '}
          {info.task === 'classification' ? `${info.nClasses} classes` : 'regression'}
        </p>
      )}
      {problem && <p className="field-error">{problem}</p>}
      {summary && (
        <table className="summary-table">
          <thead>
            <tr>
              <th>Layer</th>
              <th>Output shape</th>
              <th>Params</th>
            </tr>
          </thead>
          <tbody>
            {summary.layers.map((l) => (
              <tr key={l.name}>
                <td data-testid="summary-layer" title={`${l.name} (tfjs ${l.kind})`}>
                  {torchName(summary.names, l.name)}
                </td>
                <td>{shape(l.outputShape)}</td>
                <td>{l.params.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
