import { loadFiles } from './files';
import { useStore } from '../../../app/store';
import { CsvLabelPicker } from './CsvLabelPicker';

export function FilePicker() {
  const error = useStore((s) => s.dataError);
  const loading = useStore((s) => s.loading);
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
        <p className="muted" data-testid="loading">
          Loading {loading}…
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
