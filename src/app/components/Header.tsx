import { backendLabel } from '../format';
import { useStore } from '../store';
import { BackendPicker } from '../../features/backend/page/BackendPicker';
import { BackendSpeeds } from '../../features/backend/page/BackendSpeeds';
import { isEmulatedAdapter } from '../../features/backend/messages';

export function Header() {
  const backend = useStore((s) => s.backend);
  const workerState = useStore((s) => s.workerState);
  // WebGPU on a CPU emulation is not the GPU the page promises: shown like a fallback
  const kind = !backend ? 'pending' : backend.name === 'webgpu' && !isEmulatedAdapter(backend.adapter) ? 'gpu' : 'fallback';
  return (
    <header className="header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◆
        </span>
        <div>
          <h1>Learner Playground</h1>
          <p className="tagline">A fastai-style training loop, running on WebGPU in a Web Worker</p>
        </div>
      </div>
      <div className="header-right">
        <BackendPicker />
        <span
          className={`badge badge-${workerState === 'crashed' ? 'error' : kind}`}
          data-testid="backend-badge"
          data-backend={backend?.name ?? ''}
          title={backend?.adapter?.description || undefined}
        >
          {workerState === 'crashed' ? 'Backend: worker crashed' : backendLabel(backend)}
        </span>
      </div>
      <BackendSpeeds />
    </header>
  );
}
