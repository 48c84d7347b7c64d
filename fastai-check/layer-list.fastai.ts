// `npm run test:fastai`: the layer-list model's exported script in real fastai 2.7.18 (fastai's side
// only: the page's builder is checked by its own tests). Each preset on MNIST-shaped data, with
// each initialisation somewhere and a list holding every layer type: the script runs (one tiny
// epoch), its model is built and gives (bs, 10) on a batch, and its modules are those torchLayerList
// names. Then one short training of the BatchNorm CNN, which must learn.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Setup } from '../src/features/setup/messages';
import { fastaiScript } from '../src/features/share/page/fastai-script';
import { torchLayerList } from '../src/models/layers/layer-list-fastai';
import { LAYER_PRESETS } from '../src/models/layers/presets';
import { py } from '../src/shared/py-literal';
import { fastaiPath, runFastai, type FastaiResult } from './fastai-side';

const OUT = resolve('node_modules/.cache/fastai-check/layer-list');

/** Every layer type, on 28 × 28 × 1 down to 1 × 1, then rows. */
const EVERY_LAYER =
  'conv(8, 5, 2) bn2d generalrelu(0.1, 0.4, 6) conv(8, 4, 2, 1) leakyrelu(0.2) resblock(16, 2) resblock(16) gelu ' +
  'maxpool avgpool globalavgpool linear(32) bn1d dropout(0.2) tanh sigmoid relu flatten linear(20) generalrelu';

interface Unit {
  name: string;
  stack: string;
  init: 'glorot' | 'kaiming' | 'lsuv';
  images: boolean;
  epochs: number;
  limit: number;
  lr: number;
}

const mnist = (limit: number) => ({ kind: 'mnist' as const, limit, seed: 4, validPct: 0.2 });
const spiral = {
  kind: 'synthetic' as const,
  id: 'spiral' as const,
  params: { nPerClass: 50, nClasses: 3, noise: 0.2 },
  seed: 1,
  validPct: 0.2,
};

const UNITS: Unit[] = [
  ...LAYER_PRESETS.map((p) => ({ name: p.id, stack: p.stack, init: p.init, images: true, epochs: 1, limit: 80, lr: 0.003 })),
  { name: 'mlp on rows', stack: LAYER_PRESETS[0].stack, init: 'kaiming', images: false, epochs: 1, limit: 0, lr: 0.003 },
  { name: 'every layer · glorot', stack: EVERY_LAYER, init: 'glorot', images: true, epochs: 1, limit: 80, lr: 0.003 },
  { name: 'every layer · lsuv', stack: EVERY_LAYER, init: 'lsuv', images: true, epochs: 1, limit: 80, lr: 0.003 },
  {
    name: 'resnet · lsuv',
    stack: LAYER_PRESETS.find((p) => p.id === 'resnet')!.stack,
    init: 'lsuv',
    images: true,
    epochs: 1,
    limit: 80,
    lr: 0.003,
  },
  {
    name: 'bn-cnn · training',
    stack: LAYER_PRESETS.find((p) => p.id === 'bn-cnn')!.stack,
    init: 'kaiming',
    images: true,
    epochs: 3,
    limit: 1000,
    lr: 0.01,
  },
];

interface Report {
  out: number[];
  modules: Record<string, string>;
  lsuv?: { mean: number; std: number }[];
  losses: number[];
}

/** Appended to a script: the output's shape on a training batch, the model's modules by name and, for LSUV, the statistics it leaves. */
function check(u: Unit, file: string): string[] {
  return [
    '',
    '# --- fastai-check/layer-list.fastai.ts',
    'import copy, json',
    'xb = dls.one_batch()[0].cpu()',
    'model = learn.model.cpu().eval()',
    'with torch.no_grad(): out = model(xb)',
    'report = {"out": list(out.shape), "modules": {n: type(m).__name__ for n, m in model.named_modules() if n},',
    '          "losses": [float(v[0]) for v in learn.recorder.values]}',
    ...(u.init === 'lsuv'
      ? [
          '# lsuv_init once more, on a copy and a batch: each layer it set then gives mean 0, std 1 on that batch',
          'again = copy.deepcopy(model).train(); lsuv_init(again, xb); stats = []',
          'for layer in [m for m in again.modules() if isinstance(m, (nn.Conv2d, nn.Linear))][:-1]:',
          '    layer.register_forward_hook(lambda m, i, o: stats.append({"mean": o.mean().item(), "std": o.std().item()}))',
          'with torch.no_grad(): again(xb)',
          'report["lsuv"] = stats',
        ]
      : []),
    `json.dump(report, open(${py(file)}, "w"))`,
  ];
}

const results = new Map<string, { job: FastaiResult; report: Report | null }>();

beforeAll(async () => {
  const found = fastaiPath();
  if ('missing' in found) throw new Error(`real fastai is not available: ${found.missing} (see ../shared/fastai/README.md)`);
  rmSync(OUT, { recursive: true, force: true }); // no report of an earlier run
  mkdirSync(OUT, { recursive: true });
  const jobs = UNITS.map((u, i) => {
    const setup: Setup = {
      dataset: u.images ? mnist(u.limit) : spiral,
      model: { kind: 'layers', stack: u.stack, init: u.init },
      optimizer: 'adam',
      momentum: 0.9,
      lr: u.lr,
      wd: 0,
      batchSize: 32,
      epochs: u.epochs,
    };
    const file = join(OUT, `${i}.json`);
    return { name: u.name, file, script: fastaiScript({ setup, callbacks: {} }) + check(u, file).join('\n') + '\n', files: [] };
  });
  const ran = await runFastai(jobs, found.path);
  for (const j of jobs) {
    const job = ran.get(j.name)!;
    const report = existsSync(j.file) ? (JSON.parse(readFileSync(j.file, 'utf8')) as Report) : null;
    results.set(j.name, { job, report });
  }
}, 300_000);

describe('the layer-list model, in real fastai 2.7.18', () => {
  for (const u of UNITS) {
    it(u.name, () => {
      const { job, report } = results.get(u.name)!;
      if (!job.ok) expect.fail(`the script failed in fastai:\n${job.error}`);
      expect(report).not.toBeNull();
      expect(report!.out).toEqual([32, u.images ? 10 : 3]);
      // the modules the page names are the script's, by name and class (a Flatten on rows included)
      for (const t of torchLayerList({ stack: u.stack, init: u.init }, { images: u.images }))
        expect([t.path, report!.modules[t.path!]]).toEqual([t.path, t.modules[0]]);
      const losses = report!.losses.map((l) => l.toFixed(3)).join(' ');
      console.log(`${u.name}: out ${JSON.stringify(report!.out)}, train losses ${losses}, ${job.seconds} s`);
      if (report!.lsuv) {
        const worst = Math.max(...report!.lsuv.map((s) => Math.max(Math.abs(s.mean), Math.abs(s.std - 1))));
        console.log(`${u.name}: LSUV's layers ${report!.lsuv.length}, worst |mean| or |std - 1| ${worst.toExponential(1)}`);
        // dropout before a layer makes its statistics noisy; without it LSUV meets its 1e-3
        expect(worst).toBeLessThan(u.stack.includes('dropout') ? 0.3 : 2e-3);
      }
      if (u.epochs > 1) {
        expect(job.accuracy).toBeGreaterThan(0.7);
        console.log(`${u.name}: valid accuracy ${job.accuracy?.toFixed(3)}, valid loss ${job.validLoss?.toFixed(3)}`);
      }
    });
  }
});
