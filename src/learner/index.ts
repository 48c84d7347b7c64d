export { EVENTS, BATCH_EVENTS, INNER_LOOP, isEventName, type EventName, type EventStage } from './events';
export {
  CancelException,
  CancelFitException,
  CancelEpochException,
  CancelTrainException,
  CancelValidException,
  CancelBatchException,
  CancelBackwardException,
  CancelStepException,
  CANCEL_EXCEPTIONS,
  CallbackError,
  type CancelExceptionName,
} from './exceptions';
export { Callback, callbackName, camel2snake, type CallbackClass, type CbArg, type CallbackHandlers } from './callback';
export { Learner } from './learner';
export type { Batch, DataLoaderLike, DataLoaders, LearnerOptions, FitOptions } from './learner-types';
export { Optimizer, SGD, Adam, type Hypers, type OptFunc, type OptimizerOptions, type ParamState } from './optimizer';
export { normBiasMask, NORM_LAYER_CLASSES } from './norm-bias';
export { crossEntropyLoss, mseLoss, accuracy, type LossFunc, type Metric } from './losses';
export { TrainEvalCallback } from './train-eval';
export { Recorder, type BatchRecord, type EpochRecord, type RecorderListener } from './recorder';
export { SkipToEpoch } from './skip-to-epoch';
export type { LoopMonitor } from './monitor';
