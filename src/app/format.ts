// Small pure formatters for the page.
import { isEmulatedAdapter, type AdapterInfo, type BackendInfo } from '../features/backend/messages';

/** "google swiftshader" (vendor + architecture), else the description. */
export function adapterLabel(a: AdapterInfo | null): string {
  if (!a) return '';
  return [a.vendor, a.architecture].filter(Boolean).join(' ') || a.description;
}

/** "Backend: webgpu · nvidia ampere", "Backend: webgpu · google swiftshader (CPU emulation, no GPU)" or "Backend: webgl — WebGPU unavailable: no adapter". */
export function backendLabel(b: BackendInfo | null): string {
  if (!b) return 'Backend: starting…';
  if (b.name === 'webgpu') {
    const adapter = adapterLabel(b.adapter);
    if (isEmulatedAdapter(b.adapter)) return `Backend: webgpu · ${adapter} (CPU emulation, no GPU)`;
    return adapter ? `Backend: webgpu · ${adapter}` : 'Backend: webgpu';
  }
  if (b.chosen) return `Backend: ${b.name} (picked)`;
  const reason = (b.fallbackReason ?? '').replace(/^WebGPU:\s*/, '');
  return reason ? `Backend: ${b.name} — WebGPU unavailable: ${reason}` : `Backend: ${b.name}`;
}

export function fmt(v: number | null | undefined, digits = 3): string {
  return v == null || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

export function pct(v: number | null | undefined): string {
  return v == null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** "13 s left", "1 min 7 s left"; NaN while there is too little to go on. */
export function timeLeft(s: number): string {
  if (!Number.isFinite(s)) return 'estimating time left…';
  if (s < 60) return `${Math.max(1, Math.ceil(s))} s left`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s left`;
}
