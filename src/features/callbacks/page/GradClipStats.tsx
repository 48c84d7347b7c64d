// GradientClip's feedback in its row of the Callbacks panel: how often it clipped, and the global
// gradient norm before and after, per epoch (read back once per epoch in the worker).
import { useStore } from '../../../app/store';
import { clipTotals, formatNorm, formatShare } from './grad-clip-stats';
import './grad-clip-stats.css';

/** The most recent epochs listed; the totals cover all of them. */
const SHOWN = 5;

export function GradClipStats() {
  const clip = useStore((s) => s.outputs.gradClip);
  const running = useStore((s) => s.runState === 'training' || s.runState === 'paused');
  if (!clip || clip.epochs.length === 0) {
    return (
      <p className="cb-clip muted" data-testid="gradclip-empty">
        {running ? 'Clipping stats after each epoch' : 'Train to see how often the gradients are clipped'}
      </p>
    );
  }
  const total = clipTotals(clip.epochs);
  const recent = clip.epochs.slice(-SHOWN);
  return (
    <div className="cb-clip" data-testid="gradclip-stats" data-clipped={total.clipped} data-batches={total.batches}>
      <p className="cb-clip-total">
        Clipped <strong>{total.clipped}</strong> of {total.batches} batches ({formatShare(total.share)}) to norm ≤ {formatNorm(clip.limit)}{' '}
        · largest norm {formatNorm(total.maxNorm)}
      </p>
      <table className="cb-clip-table">
        <thead>
          <tr>
            <th scope="col">epoch</th>
            <th scope="col">clipped</th>
            <th scope="col" title="Global L2 norm of all gradients, before clipping">
              norm mean
            </th>
            <th scope="col">norm max</th>
            <th scope="col" title="Mean norm the optimizer step used (hover a cell for the max)">
              after
            </th>
          </tr>
        </thead>
        <tbody>
          {recent.map((e, i) => (
            <tr key={`${e.epoch}-${i}`} data-testid="gradclip-epoch" data-epoch={e.epoch}>
              <td>{e.epoch + 1}</td>
              <td>
                {e.clipped}/{e.batches}
              </td>
              <td>{formatNorm(e.meanNorm)}</td>
              <td>{formatNorm(e.maxNorm)}</td>
              <td title={`max ${formatNorm(e.maxNormAfter)}`}>{formatNorm(e.meanNormAfter)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total.epochs > SHOWN && (
        <p className="muted cb-clip-more">
          the last {SHOWN} of {total.epochs} epochs
        </p>
      )}
    </div>
  );
}
