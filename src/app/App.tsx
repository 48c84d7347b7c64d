import { useEffect } from 'react';
import { ActivationsPanel } from '../features/callbacks/page/ActivationsPanel';
import { BoundaryView } from '../features/pictures/page/Boundary';
import { AccuracyChart, LossChart, LrChart } from '../features/run/page/Charts';
import { DivergedBanner } from '../features/run/page/DivergedBanner';
import { ErrorBanner } from './components/ErrorBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { ConfusionMatrix, ImageGrid } from '../features/pictures/page/ImageViews';
import { ModelSummaryView } from '../features/setup/page/ModelSummary';
import { SetupPanel } from '../features/setup/page/SetupPanel';
import { ShareBar } from '../features/share/page/ShareBar';
import { Stats } from '../features/run/page/Stats';
import { Workbench } from './workbench/Workbench';
import { ensureWorker } from './worker-client';
import { keepUserFiles } from '../features/setup/page/files';
import { UserLogChart } from '../features/user-callbacks/page/UserLogChart';

export function App() {
  useEffect(() => {
    ensureWorker(); // boot early: the worker picks its backend before the first Train
  }, []);
  useEffect(keepUserFiles, []);
  return (
    <div className="app">
      <Header />
      <ErrorBanner />
      <ErrorBoundary label="Share and export">
        <ShareBar />
      </ErrorBoundary>
      <DivergedBanner />
      <main className="layout">
        <aside className="sidebar">
          <ErrorBoundary label="Setup">
            <SetupPanel />
          </ErrorBoundary>
        </aside>
        <section className="results">
          <ErrorBoundary label="Stats">
            <Stats />
          </ErrorBoundary>
          <div className="results-grid">
            <div className="results-main">
              <ErrorBoundary label="Loss chart">
                <LossChart />
              </ErrorBoundary>
              <div className="chart-pair">
                <ErrorBoundary label="Accuracy chart">
                  <AccuracyChart />
                </ErrorBoundary>
                <ErrorBoundary label="Learning-rate chart">
                  <LrChart />
                </ErrorBoundary>
              </div>
              <ErrorBoundary label="Your metrics">
                <UserLogChart />
              </ErrorBoundary>
            </div>
            <div className="results-side">
              <ErrorBoundary label="Decision boundary">
                <BoundaryView />
              </ErrorBoundary>
              <ErrorBoundary label="Confusion matrix">
                <ConfusionMatrix />
              </ErrorBoundary>
              <ErrorBoundary label="Model summary">
                <ModelSummaryView />
              </ErrorBoundary>
            </div>
          </div>
          <ErrorBoundary label="Activations">
            <ActivationsPanel />
          </ErrorBoundary>
          <ErrorBoundary label="Image batch">
            <ImageGrid />
          </ErrorBoundary>
          <Workbench />
        </section>
      </main>
    </div>
  );
}
