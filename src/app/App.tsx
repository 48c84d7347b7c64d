import { useEffect } from 'react';
import { ActivationsPanel } from './components/ActivationsPanel';
import { BoundaryView } from './components/Boundary';
import { AccuracyChart, LossChart, LrChart } from './components/Charts';
import { DivergedBanner } from './components/DivergedBanner';
import { ErrorBanner } from './components/ErrorBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { ConfusionMatrix, ImageGrid } from './components/ImageViews';
import { ModelSummaryView } from './components/ModelSummary';
import { SetupPanel } from './components/setup/SetupPanel';
import { ShareBar } from './components/ShareBar';
import { Stats } from './components/Stats';
import { Workbench } from './components/Workbench';
import { ensureWorker } from './worker-bridge';

export function App() {
  useEffect(() => {
    ensureWorker(); // boot early: the worker picks its backend before the first Train
  }, []);
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
