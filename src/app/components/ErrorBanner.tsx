import { useStore } from '../store';
import { restartWorker } from '../worker-client';

export function ErrorBanner() {
  const error = useStore((s) => s.error);
  const dismiss = useStore((s) => s.dismissError);
  const crashed = useStore((s) => s.workerState === 'crashed');
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-where={error.where}>
      <span>
        <strong>Error ({error.where}):</strong> {error.message}
      </span>
      {crashed && (
        <button type="button" className="primary" data-testid="restart-worker" onClick={() => restartWorker()}>
          Restart the worker
        </button>
      )}
      <button type="button" className="link" onClick={dismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
