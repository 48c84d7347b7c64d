// The workbench under the charts: Callbacks · Write a callback · LR finder · Debugger · Runs as tabs (WAI-ARIA tabs: arrow
// keys, Home and End move between them). The panels not shown are kept in a hidden <Activity>:
// their state stays, and while hidden they do not subscribe to the store, so worker messages do
// not re-render them. A stop of the loop brings the Debugger tab forward (workbench-slice.ts).
import { Activity, lazy, Suspense, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { syncBreakpoints } from '../../features/debugger/page/debugger-actions';
import { useRuns } from '../../features/runs/page/runs-bridge';
import { useStore } from '../store';
import { WORKBENCH_TABS, type WorkbenchTab } from './workbench-slice';
import { CallbacksLrFinder } from '../../features/lr-finder/page/LrFinderPanel';
import { CallbacksPanel } from '../../features/callbacks/page/CallbacksPanel';
import { Debugger } from '../../features/debugger/page/Debugger';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { RunsPanel } from '../../features/runs/page/RunsPanel';
import { syncUserCallbacks } from '../../features/user-callbacks/page/user-callbacks-bridge';
import './workbench.css';

// the editor tab (its examples, the compiler and CodeMirror) is not part of the first load
const UserCallbacksPanel = lazy(() =>
  import('../../features/user-callbacks/page/UserCallbacksPanel').then((m) => ({ default: m.UserCallbacksPanel })),
);

const LABELS: Record<WorkbenchTab, string> = {
  callbacks: 'Callbacks',
  code: 'Write a callback',
  'lr-finder': 'LR finder',
  debugger: 'Debugger',
  runs: 'Runs',
};

const PANELS: Record<WorkbenchTab, () => ReactNode> = {
  callbacks: () => <CallbacksPanel />,
  code: () => (
    <Suspense fallback={<p className="muted">Loading the editor…</p>}>
      <UserCallbacksPanel />
    </Suspense>
  ),
  'lr-finder': () => <CallbacksLrFinder />,
  debugger: () => <Debugger />,
  runs: () => <RunsPanel />,
};

export function Workbench() {
  // the worker's breakpoints follow the page's whichever tab shows
  useEffect(syncBreakpoints, []);
  useEffect(syncUserCallbacks, []);
  const tab = useStore((s) => s.workbenchTab);
  return (
    <section className="workbench" data-testid="workbench" data-tab={tab}>
      <WorkbenchTabs tab={tab} />
      {WORKBENCH_TABS.map((t) => (
        <div key={t} role="tabpanel" id={`wb-panel-${t}`} aria-labelledby={`wb-tab-${t}`} hidden={t !== tab} className="wb-panel">
          <Activity mode={t === tab ? 'visible' : 'hidden'}>
            <ErrorBoundary label={LABELS[t]}>{PANELS[t]()}</ErrorBoundary>
          </Activity>
        </div>
      ))}
    </section>
  );
}

function WorkbenchTabs({ tab }: { tab: WorkbenchTab }) {
  const show = useStore((s) => s.showWorkbenchTab);
  const paused = useStore((s) => s.debug.paused);
  const nOn = useStore((s) => Object.values(s.callbacks.choices).filter((c) => c.enabled).length);
  const finding = useStore((s) => s.lrFind.state === 'running');
  const nUser = useStore((s) => Object.values(s.userCallbacks.infos).filter((i) => i.enabled).length);
  const nRuns = useRuns((s) => s.runs.length);
  const refs = useRef<Partial<Record<WorkbenchTab, HTMLButtonElement | null>>>({});

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = WORKBENCH_TABS.indexOf(tab);
    const n = WORKBENCH_TABS.length;
    const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = WORKBENCH_TABS[to];
    show(next);
    refs.current[next]?.focus();
  };

  const badge = (t: WorkbenchTab): ReactNode => {
    if (t === 'debugger' && paused)
      return (
        <span className="wb-badge wb-badge-paused" data-testid="wb-paused-badge">
          paused
        </span>
      );
    if (t === 'callbacks' && nOn > 0) return <span className="wb-badge">{nOn} on</span>;
    if (t === 'code' && nUser > 0) return <span className="wb-badge">{nUser} on</span>;
    if (t === 'lr-finder' && finding) return <span className="wb-badge">running</span>;
    if (t === 'runs' && nRuns > 0) return <span className="wb-badge">{nRuns}</span>;
    return null;
  };

  return (
    <div className="wb-tabs" role="tablist" aria-label="Workbench" onKeyDown={onKeyDown}>
      {WORKBENCH_TABS.map((t) => (
        <button
          key={t}
          ref={(el) => {
            refs.current[t] = el;
          }}
          type="button"
          role="tab"
          id={`wb-tab-${t}`}
          data-testid={`wb-tab-${t}`}
          aria-selected={t === tab}
          aria-controls={`wb-panel-${t}`}
          tabIndex={t === tab ? 0 : -1}
          className={`wb-tab${t === tab ? ' is-active' : ''}${t === 'debugger' && paused ? ' is-paused' : ''}`}
          onClick={() => show(t)}
        >
          {LABELS[t]}
          {badge(t)}
        </button>
      ))}
    </div>
  );
}
