// The layer-list editor (placeholder until the real editor lands).
import type { TextField } from '../../../shared/params';

export function LayerListEditor({ id, value }: { id: string; spec: TextField; value: string; onChange: (v: string) => void }) {
  return <pre data-testid={`setting-${id}`}>{value}</pre>;
}
