// The user's CSV: its columns, the label column and what it is (classes or a target). A change is
// parsed again in the worker; a refusal shows the parser's message and the current data stays.
import type { CsvColumnInfo, CsvTask } from '../messages';
import { relabelCsv } from './files';
import { useStore } from '../../../app/store';
import { ColumnList } from './ColumnList';

/** Up to this many columns the label is a plain <select>; more get the filtered, windowed list. */
const SELECT_MAX_COLUMNS = 60;

const TASKS: { value: CsvTask; label: string }[] = [
  { value: 'auto', label: 'auto' },
  { value: 'classification', label: 'classification' },
  { value: 'regression', label: 'regression' },
];

function describeColumn(c: CsvColumnInfo): string {
  const values = c.distinct > 1000 ? '1,000+ values' : `${c.distinct.toLocaleString('en-US')} value${c.distinct === 1 ? '' : 's'}`;
  return `${c.numeric ? 'numbers' : 'text'}, ${values}`;
}

export function CsvLabelPicker() {
  const csv = useStore((s) => s.csv);
  const task = useStore((s) => (s.dataset?.source === 'user' ? s.dataset.task : null));
  const nClasses = useStore((s) => (s.dataset?.source === 'user' ? s.dataset.nClasses : null));
  if (!csv) return null;
  const label = csv.columns.find((c) => c.name === csv.label);
  const wide = csv.columns.length > SELECT_MAX_COLUMNS;
  return (
    <div className="csv-picker" data-testid="csv-columns" data-label={csv.label} data-task={csv.task}>
      <div className="csv-picker-head">
        <strong>{csv.file}</strong>
        <span className="muted">
          {csv.columns.length.toLocaleString('en-US')} columns · label <code>{csv.label}</code> →{' '}
          {task === 'regression' ? 'regression' : `${nClasses ?? '?'} classes`}
        </span>
      </div>
      {wide && (
        <div className="column-field">
          <span className="field-label">Label column</span>
          <ColumnList columns={csv.columns} selected={csv.label} describe={describeColumn} onPick={(name) => relabelCsv(name, csv.task)} />
        </div>
      )}
      <div className={wide ? 'field-grid one' : 'field-grid'}>
        {wide ? null : (
          <label className="field">
            <span className="field-label">Label column</span>
            <select data-testid="csv-label-select" value={csv.label} onChange={(e) => relabelCsv(e.currentTarget.value, csv.task)}>
              {csv.columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} ({describeColumn(c)})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field-label">Task</span>
          <select data-testid="csv-task-select" value={csv.task} onChange={(e) => relabelCsv(csv.label, e.currentTarget.value as CsvTask)}>
            {TASKS.map((t) => (
              <option key={t.value} value={t.value}>
                {t.value === 'auto' && label ? `auto (${label.suggestedTask})` : t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <span className="field-hint">Every other column is a feature and must hold numbers.</span>
      {csv.renamed && csv.renamed.length > 0 && (
        <span className="field-hint warn" data-testid="csv-renamed">
          Column names given more than once were renamed (as pandas does): {csv.renamed.map((r) => `${r.from} → ${r.to}`).join(', ')}.
        </span>
      )}
    </div>
  );
}
