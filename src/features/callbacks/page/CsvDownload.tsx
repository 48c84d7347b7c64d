// CSVLogger's file, offered where the logger is switched on (its row of the Callbacks panel, beside
// its fname parameter): a Blob and an object URL, so the history never leaves the browser.
import { download } from '../../../app/download';
import { useStore } from '../../../app/store';
import './csv-download.css';

export function CsvDownload() {
  const csv = useStore((s) => s.outputs.csv);
  const running = useStore((s) => s.runState === 'training' || s.runState === 'paused');
  if (!csv) {
    return (
      <p className="cb-csv muted" data-testid="csv-download-empty">
        {running ? 'The CSV grows by one line after each epoch' : 'Train to get the history as CSV'}
      </p>
    );
  }
  return (
    <div className="cb-csv">
      <button
        type="button"
        className="cb-csv-button"
        data-testid="csv-download"
        data-rows={csv.rows}
        onClick={() => download(new Blob([csv.text], { type: 'text/csv' }), csv.fname || 'history.csv')}
      >
        <span aria-hidden="true">⤓</span> Download CSV
      </button>
      <span className="muted">
        {csv.fname} · {csv.rows} {csv.rows === 1 ? 'epoch' : 'epochs'}
      </span>
    </div>
  );
}
