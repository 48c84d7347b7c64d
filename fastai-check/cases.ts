// The setups `npm run test:fastai` exports and trains on both sides: every dataset kind (with a
// CSV whose class labels are 1..3, a regression CSV and IDX files), each model kind, optimizer,
// schedule and optional callback, one setup each, a few epochs on small data.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { ParamValues } from '../src/features/callbacks/messages';
import type { CsvTask, Setup } from '../src/features/setup/messages';
import { mulberry32, normal, permutation } from '../src/data/random';
import { parseMnist } from '../src/data/mnist';
import type { FastaiUserCallback } from '../src/features/share/page/fastai-script';

export type CaseFile =
  | { format: 'csv'; name: string; text: string; label: string; task: CsvTask }
  | { format: 'idx'; images: string; labels: string; imageBytes: Uint8Array; labelBytes: Uint8Array };

export interface Case {
  name: string;
  setup: Setup;
  callbacks: Record<string, ParamValues>;
  file?: CaseFile;
  /** How far fastai's mean final valid accuracy (or, for regression, valid loss as a ratio) may be from the page's. */
  margin?: number;
  /** The dataset seeds it runs at (default 1, 2, 3: the mean is compared; one seed's luck is not a difference). */
  seeds?: number[];
  /** The user's own callbacks: exported as skeletons (fastai side only; they do nothing there, so the page runs without them). */
  userCallbacks?: FastaiUserCallback[];
}

export const MNIST_BIN = 'public/data/mnist-10k.bin';

const spiral = (nPerClass = 100, noise = 0.2) => ({
  kind: 'synthetic' as const,
  id: 'spiral' as const,
  params: { nPerClass, nClasses: 3, noise },
  seed: 1,
  validPct: 0.2,
});

const MLP = { kind: 'mlp' as const, layers: 2, units: 32, activation: 'relu' as const };

const BASE: Setup = {
  dataset: spiral(),
  model: MLP,
  optimizer: 'adam',
  momentum: 0.9,
  lr: 0.03,
  wd: 0,
  batchSize: 32,
  epochs: 10,
};

const synthetic = (id: 'circles' | 'xor' | 'blobs' | 'moons' | 'hills', params: Record<string, number>): Setup['dataset'] => ({
  kind: 'synthetic',
  id,
  params,
  seed: 2,
  validPct: 0.25,
});

const ONE_CYCLE = { schedule: 'one_cycle', lrMax: 0.05, div: 25, divFinal: 1e5, pctStart: 0.25, moms: true };
const TRACK = { monitor: 'valid_loss', comp: 'auto', minDelta: 0.001 };

const GRAD_NORM = `class GradNorm extends Callback {
  order = 50;
  private every = 10;
  before_fit() { this.every = 10; }
  after_backward() {
    const norm = globalNorm(this.learn.grads);
    this.log('grad_norm', norm);
    norm.dispose();
  }
  async after_batch(): Promise<void> {
    if (this.learn.iter % this.every === 0) console.log(\`iter \${this.learn.iter} { }\`);
  }
}
`;

/** Four features, three overlapping Gaussian classes labelled 1, 2, 3; ';'-separated; the label column second, its name quoted. */
function classesCsv(): string {
  const rng = mulberry32(11);
  const lines = ['f1;"kind ""A""";f2;f3;f4'];
  for (let i = 0; i < 300; i++) {
    const c = i % 3;
    const f = [0, 1, 2, 3].map((j) => (j === c ? 1.5 : 0) + normal(rng));
    lines.push([f[0].toFixed(4), String(c + 1), ...f.slice(1).map((v) => v.toFixed(4))].join(';'));
  }
  return lines.join('\n') + '\n';
}

/** y = a·b + sin(2c) + noise: a regression target. */
function regressionCsv(): string {
  const rng = mulberry32(12);
  // 'a' twice: the page renames the second a.1 (as pandas would), and the script must read the same names
  const lines = ['a,a,c,target'];
  for (let i = 0; i < 400; i++) {
    const [a, b, c] = [rng(), rng(), rng()].map((u) => 2 * u - 1);
    lines.push([a, b, c, a * b + Math.sin(2 * c) + 0.05 * normal(rng)].map((v) => v.toFixed(5)).join(','));
  }
  return lines.join('\n') + '\n';
}

/** 600 of the page's digits, shrunk to 14x14 (2x2 means: a quarter of the CNN's work), as IDX files (the labels gzipped, as downloads are). */
function idxFiles(): CaseFile {
  const all = parseMnist(readFileSync(MNIST_BIN));
  const idx = permutation(all.y.length, mulberry32(13)).subarray(0, 600);
  const header = (magic: number, dims: number[]) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b.writeUInt32BE(magic, 0);
    dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
    return b;
  };
  const pixels = Buffer.alloc(idx.length * 196);
  const at = (j: number, r: number, c: number) => all.x[j * 784 + r * 28 + c];
  idx.forEach((j, i) => {
    for (let r = 0; r < 14; r++)
      for (let c = 0; c < 14; c++) {
        const mean = (at(j, 2 * r, 2 * c) + at(j, 2 * r + 1, 2 * c) + at(j, 2 * r, 2 * c + 1) + at(j, 2 * r + 1, 2 * c + 1)) / 4;
        pixels[i * 196 + r * 14 + c] = Math.round(mean * 255);
      }
  });
  const labels = Buffer.from(Array.from(idx, (j) => all.y[j]));
  return {
    format: 'idx',
    images: 'digits-images.idx3-ubyte',
    labels: 'digits-labels.idx1-ubyte.gz',
    imageBytes: Buffer.concat([header(0x803, [idx.length, 14, 14]), pixels]),
    labelBytes: gzipSync(Buffer.concat([header(0x801, [idx.length]), labels])),
  };
}

const user = { kind: 'user' as const, seed: 3, validPct: 0.2 };
const mnist = (limit: number) => ({ kind: 'mnist' as const, limit, seed: 4, validPct: 0.2 });
const mlpImages = { kind: 'mlp' as const, layers: 1, units: 64, activation: 'relu' as const };
const cnn = { kind: 'cnn' as const, filters: 4, dense: 32 };
const smallCnn = { kind: 'cnn' as const, filters: 2, dense: 16 };

export function cases(): Case[] {
  const idx = idxFiles();
  return [
    // data kinds
    { name: 'spiral · MLP · Adam', setup: BASE, callbacks: {} },
    { name: 'circles', setup: { ...BASE, dataset: synthetic('circles', { nPerClass: 150, noise: 0.08, factor: 0.5 }) }, callbacks: {} },
    {
      name: 'xor · tanh',
      setup: { ...BASE, dataset: synthetic('xor', { nPerClass: 150, noise: 0.05 }), model: { ...MLP, activation: 'tanh' } },
      callbacks: {},
    },
    {
      name: 'blobs (4)',
      setup: { ...BASE, dataset: synthetic('blobs', { nPerClass: 100, nClasses: 4, noise: 0.25 }), epochs: 6 },
      callbacks: {},
    },
    { name: 'moons', setup: { ...BASE, dataset: synthetic('moons', { nPerClass: 150, noise: 0.1 }), epochs: 15 }, callbacks: {} },
    { name: 'hills (regression)', setup: { ...BASE, dataset: synthetic('hills', { n: 600, noise: 0.05 }), epochs: 12 }, callbacks: {} },
    { name: 'MNIST · MLP', setup: { ...BASE, dataset: mnist(800), model: mlpImages, lr: 0.003, batchSize: 64, epochs: 3 }, callbacks: {} },
    {
      name: 'CSV, labels 1..3',
      setup: { ...BASE, dataset: user, lr: 0.01, epochs: 8 },
      callbacks: {},
      file: { format: 'csv', name: 'classes.csv', text: classesCsv(), label: 'kind "A"', task: 'auto' },
    },
    {
      name: 'CSV, regression, a column name given twice',
      setup: { ...BASE, dataset: user, lr: 0.01, epochs: 15 },
      callbacks: {},
      file: { format: 'csv', name: 'regression.csv', text: regressionCsv(), label: 'target', task: 'regression' },
    },
    {
      name: 'iris.csv, bs 128',
      setup: { ...BASE, dataset: user, lr: 0.03, batchSize: 128, epochs: 25 },
      callbacks: {},
      file: { format: 'csv', name: 'iris.csv', text: readFileSync('public/data/iris.csv', 'utf8'), label: 'species', task: 'auto' },
    },
    {
      name: 'IDX (14x14) · MLP',
      setup: { ...BASE, dataset: user, model: mlpImages, lr: 0.003, batchSize: 64, epochs: 4 },
      callbacks: {},
      file: idx,
    },
    // model kinds (the CNN on MNIST and on the user's IDX files)
    {
      name: 'MNIST · CNN',
      setup: { ...BASE, dataset: mnist(400), model: smallCnn, lr: 0.01, batchSize: 32, epochs: 3 },
      callbacks: {},
      margin: 0.15,
      seeds: [1],
    },
    {
      name: 'IDX (14x14) · CNN',
      setup: { ...BASE, dataset: user, model: cnn, lr: 0.005, batchSize: 40, epochs: 4 },
      callbacks: {},
      file: idx,
      margin: 0.15,
      seeds: [1],
    },
    // optimizers and schedules
    { name: 'SGD mom 0.9', setup: { ...BASE, optimizer: 'sgd', lr: 0.1, epochs: 20 }, callbacks: {} },
    { name: 'fit_one_cycle', setup: BASE, callbacks: { ParamScheduler: ONE_CYCLE } },
    {
      name: 'fit_one_cycle, moms off · SGD',
      setup: { ...BASE, optimizer: 'sgd', epochs: 20 },
      callbacks: { ParamScheduler: { ...ONE_CYCLE, lrMax: 0.2, moms: false } },
    },
    // lrMax unset: the page's lr, and fastai's learn.lr (lr_max / lr left out of the script)
    { name: 'fit_one_cycle, lr_max unset', setup: { ...BASE, lr: 0.05 }, callbacks: { ParamScheduler: { ...ONE_CYCLE, lrMax: '' } } },
    {
      name: 'fit_flat_cos, lr unset',
      setup: { ...BASE, lr: 0.05 },
      callbacks: { ParamScheduler: { ...ONE_CYCLE, schedule: 'flat_cos', lrMax: '', pctStart: 0.75 } },
    },
    // callbacks
    { name: 'EarlyStopping', setup: BASE, callbacks: { EarlyStoppingCallback: { ...TRACK, patience: 2 } } },
    { name: 'SaveModel', setup: BASE, callbacks: { SaveModelCallback: { ...TRACK, monitor: 'accuracy', comp: 'greater' } } },
    { name: 'ReduceLROnPlateau', setup: BASE, callbacks: { ReduceLROnPlateau: { ...TRACK, patience: 1, factor: 2, minLr: 0 } } },
    { name: 'TerminateOnNaN', setup: BASE, callbacks: { TerminateOnNaNCallback: { prompt: false } } },
    { name: 'GradientClip', setup: BASE, callbacks: { GradientClip: { maxNorm: 0.5 } } },
    { name: 'GradientAccumulation', setup: { ...BASE, batchSize: 16 }, callbacks: { GradientAccumulation: { nAcc: 32 } } },
    { name: 'MixUp (2-D, alpha 1)', setup: BASE, callbacks: { MixUp: { alpha: 1, seed: 0 } } },
    {
      name: 'CutMix (IDX)',
      setup: { ...BASE, dataset: user, model: mlpImages, lr: 0.003, batchSize: 64, epochs: 8 },
      callbacks: { CutMix: { alpha: 1, seed: 0 } },
      file: idx,
    },
    { name: 'ShortEpoch', setup: { ...BASE, epochs: 20 }, callbacks: { ShortEpochCallback: { pct: 0.5, shortValid: false } } },
    { name: 'CSVLogger', setup: BASE, callbacks: { CSVLogger: { fname: 'history.csv', append: false } } },
    {
      name: 'ActivationStats',
      setup: BASE,
      callbacks: { ActivationStats: { every: 1, readEvery: 8, bins: 40, histMax: 10, maxRecords: 2000, allLayers: false } },
    },
    {
      name: 'user callback skeleton',
      setup: BASE,
      callbacks: { GradientClip: { maxNorm: 1 } },
      userCallbacks: [{ className: 'GradNorm', order: 50, events: ['before_fit', 'after_backward', 'after_batch'], source: GRAD_NORM }],
    },
  ];
}
