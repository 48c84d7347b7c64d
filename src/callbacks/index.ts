/** The callback library (fastai's callbacks for this Learner), its registry for the UI, and show_training_loop. */
export { SchedLin, SchedCos, SchedNo, SchedExp, SchedPoly, combineScheds, combinedCos, type Schedule } from './schedules';
export {
  ParamScheduler,
  fitOneCycle,
  fitFlatCos,
  oneCycleScheds,
  flatCosScheds,
  type HyperName,
  type Scheds,
  type OneCycleOptions,
} from './param-scheduler';
export { LRFinder, lrFind, type LRFinderOptions, type LRFindResult } from './lr-finder';
export {
  valley,
  slide,
  minimum,
  steep,
  suggestLrs,
  SUGGESTION_FUNCS,
  type Suggestion,
  type Suggestions,
  type SuggestionName,
  type SlideOptions,
} from './suggestions';
export { TrackerCallback, monitorNames, monitoredValue, type Comparison, type TrackerOptions } from './tracker';
export { EarlyStoppingCallback } from './early-stopping';
export { SaveModelCallback } from './save-model';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';
export { TerminateOnNaNCallback } from './terminate-on-nan';
export { GradientClip } from './gradient-clip';
export { GradientAccumulation } from './gradient-accumulation';
export { MixHandler, CLASS_ID_LOSSES, perSampleCrossEntropy, type PerSampleLoss } from './mix-handler';
export { MixUp, CutMix, type CutMixBox } from './mixup';
export { ShortEpochCallback } from './short-epoch';
export { LSUVInit, lsuvInit, type LSUVOptions, type LSUVLayerResult } from './lsuv';
export { CSVLogger, historyToCsv, csvRow, formatTime, metricNames } from './csv-logger';
export { ActivationStats, type ActivationStatsOptions, type ActivationRecord, type LayerStat } from './activation-stats';
export { buildProbe, activationSummary, type Probe, type HistSpec } from './activation-probe';
export {
  CALLBACK_REGISTRY,
  callbackInfo,
  displayName,
  resolveParams,
  type CallbackInfo,
  type CallbackKind,
  type CreateContext,
  type ParamSpec,
  type ParamType,
  type ParamValue,
  type ParamValues,
} from './registry';
export { showTrainingLoop, formatTrainingLoop, type LoopLine, type Phase } from './show-training-loop';
