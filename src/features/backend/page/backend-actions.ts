// The backend's commands to the worker.
import { datasetSummary } from '../../../data/kinds/catalog';
import { modelSummary } from '../../../models/kinds/catalog';
import { useStore } from '../../../app/store';
import { post } from '../../../app/worker-client';
import type { BackendName } from '../messages';

/** Times the current setup on every backend the worker can use. */
export function measureBackends(): void {
  const { setup, speedsRequested } = useStore.getState();
  speedsRequested(`${modelSummary(setup.model)} · batch ${setup.batchSize} on ${datasetSummary(setup.dataset)}`);
  post({ type: 'measure-backends', setup });
}

export function switchBackend(name: BackendName): void {
  post({ type: 'set-backend', name });
}
