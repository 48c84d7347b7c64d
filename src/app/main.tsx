import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import './styles.css';
import { installTestApi } from './test-api';
import { initRuns } from '../features/runs/page/runs-bridge';
import { initShare } from '../features/share/page/share-bridge';

installTestApi();
initShare();
initRuns();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary label="The playground">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
