// The sidebar: data, model, training settings and the run's controls. Any change of the data
// or the model is described by the worker (dataset size, model summary) a moment later.
import { useEffect, useState } from 'react';
import { useFileDrop } from './files';
import { useStore } from '../../../app/store';
import { post } from '../../../app/worker-client';
import { ProgressLine } from '../../run/page/ProgressLine';
import { Controls } from '../../run/page/Controls';
import { DataSection } from './DataSection';
import { ModelSection, TrainingSection } from './ModelSection';

export function SetupPanel() {
  const dataset = useStore((s) => s.setup.dataset);
  const model = useStore((s) => s.setup.model);
  // a file loaded or re-labelled: the same setup, other data (the model summary follows it)
  const userData = useStore((s) => s.userDataVersion);
  // the shapes of a step: the worker compiles its programs for them ahead of Train
  const batchSize = useStore((s) => s.setup.batchSize);
  const optimizer = useStore((s) => s.setup.optimizer);
  const dragging = useFileDrop();
  useEffect(() => {
    const t = setTimeout(() => post({ type: 'describe', setup: useStore.getState().setup }), 150);
    return () => clearTimeout(t);
  }, [dataset, model, userData, batchSize, optimizer]);
  return (
    <div className="setup" data-testid="settings-form">
      <div className="panel run-panel">
        <Controls />
        <ProgressLine />
      </div>
      <DataSection />
      <ModelSection />
      <TrainingSection />
      {dragging && <DropOverlay />}
    </div>
  );
}

function DropOverlay() {
  const [hint] = useState('Drop a CSV file, or the two IDX files (images + labels)');
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div>{hint}</div>
    </div>
  );
}
