import { cancelLoad, loadFiles } from './files';
import { useStore } from '../../../app/store';
import { CsvLabelPicker } from './CsvLabelPicker';
import { formatBytes } from '../../../shared/limits';
import type { LoadProgress } from '../messages';

/** "12.5 MB of 98 MB · 160,000 rows" */
function progressText(p: LoadProgress): string {
  return `${formatBytes(p.bytes)} of ${formatBytes(p.total)} · ${p.rows.toLocaleString('en-US')} rows`;
}

export function FilePicker() {
  const error = useStore((s) => s.dataError);
  const loading = useStore((s) => s.loading);
  const progress = useStore((s) => s.loadProgress);
  const cancelled = useStore((s) => s.loadCancelled);
  const dismiss = useStore((s) => s.dismissDataError);
  return (
    <div className="file-picker">
      <label className="drop-hint">
        <input
          type="file"
          multiple
          accept=".csv,.tsv,.txt,.gz,.idx,.ubyte,.idx1-ubyte,.idx3-ubyte"
          data-testid="file-input"
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            void loadFiles(files);
          }}
        />
        <span>
          <strong>Load your data</strong> — drop a CSV (numeric features; you pick the label column) or MNIST-format IDX files (images +
          labels) anywhere on the page, or click. It stays in your browser.
        </span>
      </label>
      <CsvLabelPicker />
      {loading && (
        <div className="load-progress" data-testid="loading">
          <span className="muted">
            Loading {loading}…{progress && <span data-testid="load-progress"> {progressText(progress)}</span>}
          </span>
          {progress && (
            <>
              <progress max={progress.total} value={progress.bytes} aria-label={`Reading ${loading}`} />
              <button type="button" data-testid="load-cancel" onClick={cancelLoad}>
                Cancel
              </button>
            </>
          )}
        </div>
      )}
      {!loading && cancelled && (
        <p className="field-hint" data-testid="load-cancelled">
          Stopped reading {cancelled}; the data you had stays.
        </p>
      )}
      {error && (
        <div className="data-error" role="alert" data-testid="data-error">
          <span>
            <strong>{error.file}:</strong> {error.message}
          </span>
          <button type="button" className="link" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
