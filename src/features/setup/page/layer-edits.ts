// The layer-list editor's edits as pure functions on the list (items in, items out), and the
// rows it shows: each layer with its arguments, output shape and parameters on the loaded data.
import { fullArgs, planList, printLayers, type LayerItem, type ListPlan } from '../../../models/layers/layer-list';
import { LAYER_TYPES, layerType, type LayerTypeSpec } from '../../../models/layers/layer-types';
import type { ModelIO } from '../../../models/kinds/kind';
import type { DatasetInfo } from '../messages';

export type LayerEdit =
  | { op: 'add'; type: string; at?: number }
  | { op: 'remove'; index: number }
  | { op: 'move'; index: number; by: -1 | 1 }
  | { op: 'type'; index: number; type: string }
  | { op: 'arg'; index: number; key: string; value: number };

/** The list after one edit (an edit that does not apply leaves it as it is). */
export function editLayers(layers: readonly LayerItem[], e: LayerEdit): LayerItem[] {
  const out = [...layers];
  switch (e.op) {
    case 'add':
      if (!layerType(e.type)) return out;
      out.splice(e.at ?? out.length, 0, { type: e.type, args: {} });
      return out;
    case 'remove':
      out.splice(e.index, 1);
      return out;
    case 'move': {
      const to = e.index + e.by;
      if (to < 0 || to >= out.length) return out;
      [out[e.index], out[to]] = [out[to], out[e.index]];
      return out;
    }
    case 'type': {
      const spec = layerType(e.type);
      if (!spec || !out[e.index]) return out;
      // arguments both types have (filters between conv and resblock) are kept
      const old = out[e.index].args;
      out[e.index] = {
        type: e.type,
        args: Object.fromEntries(spec.args.filter((a) => Object.hasOwn(old, a.key)).map((a) => [a.key, old[a.key]])),
      };
      return out;
    }
    case 'arg':
      if (!out[e.index]) return out;
      out[e.index] = { ...out[e.index], args: { ...out[e.index].args, [e.key]: e.value } };
      return out;
  }
}

/** The list's text after an edit: what the setup stores. */
export const editedStack = (layers: readonly LayerItem[], e: LayerEdit): string => printLayers(editLayers(layers, e));

/** The sizes the loaded data gives a model, or null while it is not known. */
export function ioOf(info: DatasetInfo | null): ModelIO | null {
  if (!info) return null;
  return {
    inputs: info.nFeatures,
    outputs: info.task === 'classification' ? (info.nClasses ?? 1) : 1,
    imageShape: info.imageShape ?? null,
  };
}

/** The list worked out on the data; on unknown data, on rows of one feature (shapes then are not shown). */
export function planOn(layers: readonly LayerItem[], io: ModelIO | null): ListPlan | null {
  return io ? planList(layers, io) : null;
}

/** An output shape as the editor writes it: 14×14×8, or 50. */
export const shapeText = (s: readonly number[] | null): string => (s ? s.join('×') : '—');

/** Each argument of an item with its value, defaults included. */
export function argsOf(item: LayerItem): { spec: LayerTypeSpec['args'][number]; value: number; given: boolean }[] {
  const spec = layerType(item.type);
  if (!spec) return [];
  const all = fullArgs(item);
  return spec.args.map((a) => ({ spec: a, value: all[a.key], given: Object.hasOwn(item.args, a.key) }));
}

/** The layer types by group, for the pickers. */
export function typeGroups(): { group: string; types: LayerTypeSpec[] }[] {
  const groups = new Map<string, LayerTypeSpec[]>();
  for (const t of LAYER_TYPES) groups.set(t.group, [...(groups.get(t.group) ?? []), t]);
  return [...groups].map(([group, types]) => ({ group, types }));
}
