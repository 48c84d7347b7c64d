/** Every callback the UI can show or toggle: name, one-line description, order, handled events, parameters and a factory. */
import { EVENTS, Recorder, TrainEvalCallback, type Callback, type EventName } from '../learner';
import type { ImageShape } from '../data/dataset';
import { ActivationStats } from './activation-stats';
import { CSVLogger } from './csv-logger';
import { EarlyStoppingCallback } from './early-stopping';
import { GradientAccumulation } from './gradient-accumulation';
import { GradientClip } from './gradient-clip';
import { LRFinder } from './lr-finder';
import { CutMix, MixUp } from './mixup';
import { ParamScheduler, flatCosScheds, oneCycleScheds } from './param-scheduler';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import { SaveModelCallback } from './save-model';
import { ShortEpochCallback } from './short-epoch';
import { StreamCallback } from './stream';
import { TerminateOnNaNCallback } from './terminate-on-nan';
import { bool, int, num, optNum, resolveParams, type ParamSpec, type ParamValues } from './registry-params';
import type { Comparison, TrackerOptions } from './tracker';

export { resolveParams, type ParamSpec, type ParamType, type ParamValue, type ParamValues } from './registry-params';

/** What the host knows and a factory may need (CutMix needs the image shape of flat rows). */
export interface CreateContext {
  imageShape?: ImageShape;
}

/** default: always on (shown with its order); optional: a switch; action: run by a button (the LR finder). */
export type CallbackKind = 'default' | 'optional' | 'action';

export interface CallbackInfo {
  name: string;
  description: string;
  kind: CallbackKind;
  order: number;
  /** The events it handles, in loop order. */
  events: EventName[];
  params: readonly ParamSpec[];
  /** Builds an instance from (validated, defaulted) parameters; null when only the host can build it. */
  create: ((params?: Partial<ParamValues>, ctx?: CreateContext) => Callback) | null;
  /** For `instanceof` lookups (class names do not survive minification). */
  cls: abstract new (...args: never[]) => Callback;
}

const TRACKER_PARAMS: ParamSpec[] = [
  { name: 'monitor', type: 'monitor', default: 'valid_loss', description: 'Quantity to watch: a loss or a metric name' },
  {
    name: 'comp',
    type: 'enum',
    default: 'auto',
    options: ['auto', 'less', 'greater'],
    description: 'Better is less or greater (auto: less for losses and errors)',
  },
  num('minDelta', 0, 0, 10, 'Smallest change that counts as an improvement'),
];
const tracker = (p: ParamValues): TrackerOptions => ({
  monitor: String(p.monitor),
  comp: p.comp === 'auto' ? undefined : (p.comp as Comparison),
  minDelta: Number(p.minDelta),
});

interface Entry extends Omit<CallbackInfo, 'order' | 'events' | 'create'> {
  build: ((p: ParamValues, ctx: CreateContext) => Callback) | null;
  /** An instance to read the order from, when `build` is null. */
  sample?: () => Callback;
}

const ENTRIES: Entry[] = [
  {
    name: 'TrainEvalCallback',
    kind: 'default',
    cls: TrainEvalCallback,
    params: [],
    description: 'Counts iterations and switches the model between training and validation',
    build: () => new TrainEvalCallback(),
  },
  {
    name: 'Recorder',
    kind: 'default',
    cls: Recorder,
    params: [],
    description: 'Records losses, smoothed loss, learning rates and per-epoch metrics',
    build: () => new Recorder(),
  },
  {
    name: 'StreamCallback',
    kind: 'default',
    cls: StreamCallback,
    params: [],
    description: "Streams the Recorder's values and progress to the page, and handles stop requests",
    build: null,
    sample: () => new StreamCallback(() => undefined),
  },
  {
    name: 'ParamScheduler',
    kind: 'optional',
    cls: ParamScheduler,
    description: 'Schedules lr (and momentum) over training: one-cycle or flat then cosine',
    params: [
      {
        name: 'schedule',
        type: 'enum',
        default: 'one_cycle',
        options: ['one_cycle', 'flat_cos'],
        description: 'fit_one_cycle or fit_flat_cos',
      },
      optNum(
        'lrMax',
        1e-6,
        10,
        "Peak learning rate (flat_cos: the flat lr); empty = the Training panel's lr, as fastai's fit_one_cycle",
        true,
      ),
      num('div', 25, 1, 1e4, 'one_cycle: the lr starts at lrMax / div', true),
      num('divFinal', 1e5, 1, 1e8, 'The lr ends at lrMax / divFinal', true),
      num('pctStart', 0.25, 0, 1, 'Share of training before annealing (fastai: 0.25 one_cycle, 0.75 flat_cos)'),
      bool('moms', true, 'one_cycle: momentum 0.95 → 0.85 → 0.95'),
    ],
    build: (p) => {
      const o = { div: Number(p.div), divFinal: Number(p.divFinal), pctStart: Number(p.pctStart) };
      const scheds = (lr: number) =>
        p.schedule === 'flat_cos' ? flatCosScheds(lr, o) : oneCycleScheds(lr, { ...o, moms: p.moms ? [0.95, 0.85, 0.95] : null });
      return new ParamScheduler(p.lrMax === '' ? (learn) => scheds(learn.lr) : scheds(Number(p.lrMax)));
    },
  },
  {
    name: 'LRFinder',
    kind: 'action',
    cls: LRFinder,
    description: 'Mock training with exponentially growing lr; suggests a learning rate, then restores the model',
    params: [
      num('startLr', 1e-7, 1e-10, 1, 'First learning rate', true),
      num('endLr', 10, 1e-6, 1e3, 'Last learning rate', true),
      int('numIt', 100, 6, 10000, 'Number of batches'),
      bool('stopDiv', true, 'Stop when the smoothed loss exceeds 4× the best'),
    ],
    build: (p) => new LRFinder({ startLr: Number(p.startLr), endLr: Number(p.endLr), numIt: Number(p.numIt), stopDiv: Boolean(p.stopDiv) }),
  },
  {
    name: 'EarlyStoppingCallback',
    kind: 'optional',
    cls: EarlyStoppingCallback,
    description: 'Stops training when the monitored value stops improving',
    params: [...TRACKER_PARAMS, int('patience', 1, 1, 1000, 'Epochs without improvement before stopping')],
    build: (p) => new EarlyStoppingCallback({ ...tracker(p), patience: Number(p.patience) }),
  },
  {
    name: 'SaveModelCallback',
    kind: 'optional',
    cls: SaveModelCallback,
    description: 'Keeps the best weights in memory and loads them back at the end',
    params: TRACKER_PARAMS,
    build: (p) => new SaveModelCallback(tracker(p)),
  },
  {
    name: 'ReduceLROnPlateau',
    kind: 'optional',
    cls: ReduceLROnPlateau,
    description: 'Divides the learning rate when the monitored value stops improving',
    params: [
      ...TRACKER_PARAMS,
      int('patience', 1, 1, 1000, 'Epochs without improvement before reducing'),
      num('factor', 10, 1, 1000, 'Divide the lr by this'),
      num('minLr', 0, 0, 1, 'Never below this lr'),
    ],
    build: (p) => new ReduceLROnPlateau({ ...tracker(p), patience: Number(p.patience), factor: Number(p.factor), minLr: Number(p.minLr) }),
  },
  {
    name: 'TerminateOnNaNCallback',
    kind: 'optional',
    cls: TerminateOnNaNCallback,
    description: 'Stops training at the first non-finite loss',
    params: [bool('prompt', false, 'Read every loss back (stops 1–2 batches late instead of up to 17)')],
    build: (p) => new TerminateOnNaNCallback({ prompt: Boolean(p.prompt) }),
  },
  {
    name: 'GradientClip',
    kind: 'optional',
    cls: GradientClip,
    description: 'Clips the global norm of the gradients before each step',
    params: [num('maxNorm', 1, 1e-4, 1e4, 'Largest allowed L2 norm of all gradients together', true)],
    build: (p) => new GradientClip(Number(p.maxNorm)),
  },
  {
    name: 'GradientAccumulation',
    kind: 'optional',
    cls: GradientAccumulation,
    description: 'Accumulates gradients and steps once every nAcc samples',
    params: [int('nAcc', 32, 1, 1 << 16, 'Samples per optimizer step')],
    build: (p) => new GradientAccumulation(Number(p.nAcc)),
  },
  {
    name: 'MixUp',
    kind: 'optional',
    cls: MixUp,
    description: 'Trains on blends of pairs of samples (and of their targets or losses)',
    params: [num('alpha', 0.4, 0.01, 10, 'λ ~ Beta(α, α)', true), int('seed', 0, 0, 2 ** 31 - 1, 'Seed of the sampler')],
    build: (p) => new MixUp(Number(p.alpha), Number(p.seed)),
  },
  {
    name: 'CutMix',
    kind: 'optional',
    cls: CutMix,
    description: 'Pastes a random patch of another image into each image (image data only)',
    params: [num('alpha', 1, 0.01, 10, 'λ ~ Beta(α, α)', true), int('seed', 0, 0, 2 ** 31 - 1, 'Seed of the sampler')],
    build: (p, ctx) => new CutMix(Number(p.alpha), Number(p.seed), ctx.imageShape ?? null),
  },
  {
    name: 'ShortEpochCallback',
    kind: 'optional',
    cls: ShortEpochCallback,
    description: 'Runs only a fraction of each epoch (a quick check)',
    params: [num('pct', 0.01, 0, 1, 'Fraction of the batches to run'), bool('shortValid', true, 'Shorten validation too')],
    build: (p) => new ShortEpochCallback(Number(p.pct), Boolean(p.shortValid)),
  },
  {
    name: 'CSVLogger',
    kind: 'optional',
    cls: CSVLogger,
    description: 'Writes the epoch table as CSV, to download',
    params: [
      { name: 'fname', type: 'string', default: 'history.csv', description: 'File name of the download' },
      bool('append', false, 'Keep the lines of earlier fits'),
    ],
    build: (p) => new CSVLogger(String(p.fname), Boolean(p.append)),
  },
  {
    name: 'ActivationStats',
    kind: 'optional',
    cls: ActivationStats,
    description: "Per-layer mean, std and histogram of activations (miniai's color_dim)",
    params: [
      int('every', 1, 1, 10000, 'Sample one training batch in this many'),
      int('readEvery', 8, 1, 1000, 'Read the statistics back every this many samples'),
      int('bins', 40, 2, 200, 'Histogram bins over [0, histMax] of |activation|'),
      num('histMax', 10, 1e-3, 1e6, 'Upper end of the histogram range', true),
      int('maxRecords', 2000, 1, 100000, 'Sampled batches kept'),
      bool('allLayers', false, 'Observe layers without weights too'),
    ],
    build: (p) =>
      new ActivationStats({
        every: Number(p.every),
        readEvery: Number(p.readEvery),
        bins: Number(p.bins),
        histRange: [0, Number(p.histMax)],
        maxRecords: Number(p.maxRecords),
        allLayers: Boolean(p.allLayers),
      }),
  },
];

function toInfo(entry: Entry): CallbackInfo {
  const { build, sample, ...rest } = entry;
  const create = build && ((params: Partial<ParamValues> = {}, ctx: CreateContext = {}) => build(resolveParams(entry, params), ctx));
  const instance = create ? create() : sample!();
  const events = EVENTS.filter((e) => instance.handles(e));
  instance.dispose();
  return { ...rest, order: instance.order, events, create };
}

/** The table, in the order the UI lists it. */
export const CALLBACK_REGISTRY: readonly CallbackInfo[] = ENTRIES.map(toInfo);

export function callbackInfo(name: string): CallbackInfo | undefined {
  return CALLBACK_REGISTRY.find((c) => c.name === name);
}

/** The registry name of a callback instance (most specific class first), else its class name. */
export function displayName(cb: Callback): string {
  const matches = CALLBACK_REGISTRY.filter((c) => cb instanceof c.cls);
  const best = matches.find((m) => !matches.some((o) => o !== m && o.cls.prototype instanceof m.cls));
  return best?.name ?? cb.className;
}
