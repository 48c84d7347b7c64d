import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import './styles.css';
import { initRuns } from '../features/runs/page/runs-bridge';
import { initShare } from '../features/share/page/share-bridge';
import { syncDrafts } from '../features/user-callbacks/page/drafts-sync';

// The e2e tests' and the benchmark's API on window, before the first render; only in a build with
// VITE_TEST_API=1 (a plain build leaves the whole module out).
if (import.meta.env.VITE_TEST_API === '1') (await import('./test-api')).installTestApi();
initShare();
initRuns();
syncDrafts();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary label="The playground">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
