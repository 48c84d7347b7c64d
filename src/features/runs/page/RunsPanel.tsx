// The Runs tab (Keep): the runs saved in this browser — open one (its setup and curves
// come back), load its weights for the next run, rename, delete, and tick two or more to compare.
import { useMemo, useState } from 'react';
import { deleteRun, loadRunWeights, offersWeights, openRun, renameRun, toggleSelected, useRuns } from './runs-bridge';
import { runDifferences } from './run-name';
import { RunDiffers } from './RunDiffers';
import type { SavedRun } from './runs-db';
import { useStore } from '../../../app/store';
import { RunCompare } from './RunCompare';
import { storageLine } from './runs-storage';
import './runs.css';

export function RunsPanel() {
  const runs = useRuns((s) => s.runs);
  const available = useRuns((s) => s.available);
  const message = useRuns((s) => s.message);
  const selected = useRuns((s) => s.selected);
  const storage = useRuns((s) => s.storage);
  const compared = runs.filter((r) => selected.includes(r.id));
  const differs = useMemo(() => runDifferences(runs), [runs]);
  return (
    <div className="runs-panel" data-testid="runs-panel">
      {message && (
        <p className="runs-message" role="alert" data-testid="runs-message">
          {message}
          <button type="button" aria-label="Dismiss" onClick={() => useRuns.setState({ message: null })}>
            ×
          </button>
        </p>
      )}
      {available && runs.length === 0 && <p className="muted">No saved runs yet — each run is saved here as it trains.</p>}
      {runs.length > 0 && (
        <table className="runs-table">
          <thead>
            <tr>
              <th>Compare</th>
              <th>Name</th>
              <th>State</th>
              <th>Epochs</th>
              <th>Last valid loss</th>
              <th>Backend</th>
              <th>Saved</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r, i) => (
              <RunRow key={r.id} run={r} checked={selected.includes(r.id)} differs={differs[i]} />
            ))}
          </tbody>
        </table>
      )}
      {storage && (
        <p className="runs-storage muted" data-testid="runs-storage">
          {storageLine(storage)}
        </p>
      )}
      {compared.length >= 2 ? (
        <RunCompare runs={compared} />
      ) : (
        runs.length >= 2 && <p className="muted">Tick two or more runs to compare their curves and setups.</p>
      )}
    </div>
  );
}

function RunRow({ run, checked, differs }: { run: SavedRun; checked: boolean; differs: string[] }) {
  const current = useRuns((s) => s.currentId === run.id);
  const elsewhere = useRuns((s) => s.liveElsewhere.includes(run.id));
  const opened = useRuns((s) => s.openedId === run.id);
  const busy = useStore((s) => s.runState === 'training' || s.runState === 'paused');
  const [name, setName] = useState(run.name);
  // renamed in another tab: the field follows
  const [savedName, setSavedName] = useState(run.name);
  if (savedName !== run.name) {
    setSavedName(run.name);
    setName(run.name);
  }
  const lastValid = run.epochs.at(-1)?.validLoss;
  const state = run.state === 'running' && !current && !elsewhere ? 'interrupted' : run.state;
  return (
    <tr data-testid="run-row" data-run-id={run.id} data-epochs={run.epochs.length} className={opened ? 'is-opened' : undefined}>
      <td>
        <input
          type="checkbox"
          data-testid="run-select"
          aria-label={`Compare ${run.name}`}
          checked={checked}
          onChange={() => toggleSelected(run.id)}
        />
      </td>
      <td>
        {/* a text area: a long name wraps in full instead of being cut (its end tells runs apart) */}
        <textarea
          className="run-name"
          data-testid="run-name"
          aria-label="Run name"
          rows={1}
          value={name}
          onChange={(e) => setName(e.currentTarget.value.replace(/\n/g, ' '))}
          onBlur={() => name !== run.name && renameRun(run.id, name)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            e.currentTarget.blur();
          }}
        />
        <RunDiffers settings={differs} />
      </td>
      <td data-testid="run-state">
        {state}
        {run.note && <span className="run-note">, {run.note}</span>}
      </td>
      <td>{run.epochs.length}</td>
      <td>{lastValid == null ? '—' : lastValid.toFixed(4)}</td>
      <td>{run.backend ?? '?'}</td>
      <td title={new Date(run.createdAt).toLocaleString()}>{new Date(run.updatedAt).toLocaleTimeString()}</td>
      <td className="run-actions">
        <button type="button" data-testid="run-open" disabled={busy || current} onClick={() => openRun(run.id)}>
          Open
        </button>
        {offersWeights(run) && (
          <button
            type="button"
            data-testid="run-load-weights"
            disabled={busy}
            title="The next run starts from these weights"
            onClick={() => loadRunWeights(run.id)}
          >
            Load weights
          </button>
        )}
        <button type="button" data-testid="run-delete" disabled={current} onClick={() => deleteRun(run.id)}>
          Delete
        </button>
      </td>
    </tr>
  );
}
