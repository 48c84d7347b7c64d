import { useStore } from '../../../app/store';

/** Says when the loss stopped being a number, where, and what to do (fastai would keep training too). */
export function DivergedBanner() {
  const b = useStore((s) => s.diverged);
  const running = useStore((s) => s.runState === 'training' || s.runState === 'paused');
  if (!b) return null;
  return (
    <div className="warning-banner" role="status" data-testid="diverged-banner">
      <strong>The loss is {String(b.loss)}</strong> since epoch {b.epoch + 1}, batch {b.iter + 1} (lr {b.lr.toPrecision(3)}): training has
      diverged{running ? ' and every later step is wasted' : ''}. Lower the learning rate, clip the gradients (GradientClip), or switch on
      TerminateOnNaNCallback to stop at the first non-finite loss.
    </div>
  );
}
