// Share and export: the link (what it ignored, copy), history / fastai script / model downloads,
// and loading model files back to continue training.
import { useState } from 'react';
import { currentHash, downloadHistory, downloadScript, exportModel, importModel } from './share-bridge';
import { useStore } from '../../../app/store';
import './share.css';

export function ShareBar() {
  const ignored = useStore((s) => s.share.ignored);
  const model = useStore((s) => s.share.model);
  const modelMessage = useStore((s) => s.share.modelMessage);
  const hasHistory = useStore((s) => s.batches.length > 0 || s.epochs.length > 0);
  const running = useStore((s) => s.runState === 'training' || s.runState === 'paused');
  const [copied, setCopied] = useState<string | null>(null);

  const copy = async () => {
    const url = `${window.location.href.split('#')[0]}#${currentHash()}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied');
    } catch {
      setCopied(url); // no clipboard permission: show it to copy by hand
    }
  };

  return (
    <section className="share-bar" data-testid="share-bar">
      {ignored.length > 0 && (
        <div className="share-ignored" role="status" data-testid="url-ignored">
          <strong>The link had invalid parts; defaults were used for:</strong> {ignored.join('; ')}
          <button type="button" onClick={() => useStore.getState().setShare({ ignored: [] })} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      <div className="share-actions">
        <button type="button" data-testid="share-copy-link" onClick={() => void copy()}>
          Copy link
        </button>
        {copied && (
          <span className="muted share-copied" data-testid="share-copied">
            {copied}
          </span>
        )}
        <span className="share-sep" />
        <button type="button" data-testid="export-history-csv" disabled={!hasHistory} onClick={() => downloadHistory('csv')}>
          History CSV
        </button>
        <button type="button" data-testid="export-history-json" disabled={!hasHistory} onClick={() => downloadHistory('json')}>
          History JSON
        </button>
        <button type="button" data-testid="export-script" onClick={downloadScript}>
          fastai script
        </button>
        <span className="share-sep" />
        <button type="button" data-testid="export-model" disabled={!model || running} onClick={exportModel}>
          Export model
        </button>
        <label className="share-load">
          Load model
          <input
            type="file"
            multiple
            accept=".json,.bin"
            data-testid="import-model"
            disabled={running}
            onChange={(e) => {
              void importModel(Array.from(e.currentTarget.files ?? []));
              e.currentTarget.value = '';
            }}
          />
        </label>
        <span
          className="muted"
          data-testid="model-state"
          data-source={model?.source ?? ''}
          data-continue={model?.continueNext ? 'yes' : 'no'}
        >
          {model
            ? model.continueNext
              ? `${model.name} loaded: the next run starts from its weights`
              : `Kept: ${model.name} (${model.params.toLocaleString()} params)`
            : 'No trained model yet'}
        </span>
      </div>
      {modelMessage && (
        <p className="share-error" role="alert" data-testid="model-message">
          {modelMessage}
        </p>
      )}
    </section>
  );
}
