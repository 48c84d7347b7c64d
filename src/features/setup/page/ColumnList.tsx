// The label column of a wide CSV (thousands of columns): a filter box over a list that draws only
// the rows in view, so loading the file or picking another label costs the same at 10 or 10,000
// columns. Narrow files get a plain <select> (CsvLabelPicker).
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CsvColumnInfo } from '../messages';

const ROW_PX = 26;
const VISIBLE_ROWS = 9;
/** Rows drawn beyond the edges, so a fast scroll shows no gap. */
const OVERSCAN = 6;

interface Props {
  columns: readonly CsvColumnInfo[];
  selected: string;
  describe: (c: CsvColumnInfo) => string;
  onPick: (name: string) => void;
}

export function ColumnList({ columns, selected, describe, onPick }: Props) {
  const [filter, setFilter] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const rows = useRef<HTMLDivElement>(null);
  const scrollTo = (top: number) => {
    if (rows.current) rows.current.scrollTop = top;
    setScrollTop(top);
  };
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f === '' ? columns : columns.filter((c) => c.name.toLowerCase().includes(f));
  }, [columns, filter]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + VISIBLE_ROWS * ROW_PX) / ROW_PX) + OVERSCAN);
  // the label in view when it changes (a file loaded with its last column as the label) and when the filter is cleared
  useLayoutEffect(() => {
    if (filter !== '') return;
    const at = columns.findIndex((c) => c.name === selected);
    const top = rows.current?.scrollTop ?? 0;
    if (at >= 0 && (at * ROW_PX < top || (at + 1) * ROW_PX > top + VISIBLE_ROWS * ROW_PX)) {
      scrollTo(Math.max(0, (at - Math.floor(VISIBLE_ROWS / 2)) * ROW_PX));
    }
  }, [columns, selected, filter]);
  return (
    <div className="column-list" data-testid="csv-label-list">
      <input
        type="search"
        className="column-filter"
        placeholder={`Find a column (${columns.length.toLocaleString('en-US')})`}
        aria-label="Find the label column"
        data-testid="csv-label-filter"
        value={filter}
        onChange={(e) => {
          setFilter(e.currentTarget.value);
          scrollTo(0);
        }}
      />
      <div
        className="column-rows"
        role="listbox"
        aria-label="Label column"
        style={{ height: VISIBLE_ROWS * ROW_PX }}
        ref={rows}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: shown.length * ROW_PX, position: 'relative' }}>
          {shown.slice(first, last).map((c, k) => (
            <div
              key={c.name}
              role="option"
              aria-selected={c.name === selected}
              tabIndex={-1}
              className={c.name === selected ? 'column-row selected' : 'column-row'}
              data-testid="csv-label-option"
              data-name={c.name}
              style={{ top: (first + k) * ROW_PX, height: ROW_PX }}
              onClick={() => c.name !== selected && onPick(c.name)}
            >
              <span className="column-name">{c.name}</span>
              <span className="muted">{describe(c)}</span>
            </div>
          ))}
        </div>
      </div>
      {shown.length === 0 && <span className="field-hint">No column name holds “{filter}”.</span>}
    </div>
  );
}
