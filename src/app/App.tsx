import { useEffect } from 'react';
import { CallbacksPanel } from './components/CallbacksPanel';
import { AccuracyChart, LossChart } from './components/Charts';
import { Debugger } from './components/Debugger';
import { ErrorBanner } from './components/ErrorBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { ProgressLine } from './components/ProgressLine';
import { SettingsForm } from './components/SettingsForm';
import { Stats } from './components/Stats';
import { ensureWorker } from './worker-bridge';

export function App() {
  useEffect(() => {
    ensureWorker(); // boot early: the worker picks its backend before the first Train
  }, []);
  return (
    <div className="app">
      <Header />
      <ErrorBanner />
      <main className="layout">
        <aside className="sidebar">
          <ErrorBoundary label="Settings">
            <SettingsForm />
            <ProgressLine />
          </ErrorBoundary>
        </aside>
        <section className="results">
          <ErrorBoundary label="Stats">
            <Stats />
          </ErrorBoundary>
          <ErrorBoundary label="Loss chart">
            <LossChart />
          </ErrorBoundary>
          <ErrorBoundary label="Accuracy chart">
            <AccuracyChart />
          </ErrorBoundary>
        </section>
      </main>
      <ErrorBoundary label="Callbacks">
        <CallbacksPanel />
      </ErrorBoundary>
      <ErrorBoundary label="Debugger">
        <Debugger />
      </ErrorBoundary>
    </div>
  );
}
