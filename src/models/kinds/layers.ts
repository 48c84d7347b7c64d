// The layer-list kind: a model written as a list of layers, the way nn.Sequential reads
// (`conv(8, 5, 2) bn2d relu … flatten`), then a Linear to the data's outputs; and its
// initialisation. The grammar and the shapes are src/models/layers; the builder is
// `layerListBuilder` in src/models/layer-list-builder.ts.
import { enumField, textField } from '../../shared/params';
import { MAX_LAYERS_TEXT, parseLayers, planList } from '../layers/layer-list';
import { findPreset, LAYER_PRESETS } from '../layers/presets';
import { defineModelKind, type SetupFrom } from './kind';
import { fastaiLayerList, torchLayerList } from '../layers/layer-list-fastai';

export const INITS = ['glorot', 'kaiming', 'lsuv'] as const;
export type InitName = (typeof INITS)[number];

const stackProblem = (v: string): string | null => {
  const parsed = parseLayers(v);
  return parsed.ok ? null : parsed.reason;
};

const params = [
  textField('stack', 'Layers', LAYER_PRESETS[0].stack, MAX_LAYERS_TEXT, stackProblem, {
    editor: 'layers',
    examples: LAYER_PRESETS.map((p) => p.stack),
  }),
  enumField('init', 'Init', INITS, 'glorot'),
] as const;

export const LAYERS_KIND = defineModelKind({
  kind: 'layers',
  name: 'Layer list',
  label: 'Layer list (build your own)',
  description: 'Your own stack of layers, then a Linear to the outputs; start from a preset of the fastai course',
  params,
  needs: {},
  summary: (m) => {
    const preset = findPreset(m.stack);
    const parsed = parseLayers(m.stack);
    const n = parsed.ok ? parsed.layers.length : 0;
    return `${preset ? preset.label : `Layer list of ${n}`}, ${m.init} init`;
  },
  ioProblem: (m, io) => {
    const parsed = parseLayers(m.stack);
    if (!parsed.ok) return parsed.reason;
    return planList(parsed.layers, io).problem;
  },
  fastai: (m, ctx) => fastaiLayerList(m, ctx),
  plan: (m, io) => {
    const parsed = parseLayers(m.stack);
    if (!parsed.ok) return [];
    const plan = planList(parsed.layers, io);
    return plan.problem ? [] : [...plan.rows.flatMap((r) => r.tfjs), ...plan.head.tfjs];
  },
  torch: (m, ctx) => torchLayerList(m, ctx),
});

export type LayersSetup = SetupFrom<'layers', typeof params>;
