import { useStore } from '../store';

export function ErrorBanner() {
  const error = useStore((s) => s.error);
  const dismiss = useStore((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-where={error.where}>
      <span>
        <strong>Error ({error.where}):</strong> {error.message}
      </span>
      <button type="button" className="link" onClick={dismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
