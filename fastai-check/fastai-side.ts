// fastai's side: real fastai 2.7.18 on Debian's CPU PyTorch (../shared/fastai), all scripts in one
// Python process (runner.py), each from its own folder with its data files beside it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunResult } from './page-side';

export const PYTHON = '/usr/bin/python3';
const SHARED = resolve(process.env.FASTAI_SHARED ?? '../shared/fastai');
const HERE = resolve('fastai-check');
const MNIST_CACHE = resolve('node_modules/.cache/fastai-check/mnist');

export interface FastaiResult extends Partial<RunResult> {
  ok: boolean;
  error?: string;
  trainBatches?: number;
  seconds: number;
}

export interface Job {
  name: string;
  script: string;
  files: { name: string; bytes: Uint8Array | string }[];
}

/** fastai's PYTHONPATH (FASTAI_PYTHONPATH, else what ../shared/fastai/setup.sh prints), or why there is none. */
export function fastaiPath(): { path: string } | { missing: string } {
  if (process.env.FASTAI_PYTHONPATH) return { path: process.env.FASTAI_PYTHONPATH };
  if (!existsSync(PYTHON)) return { missing: `${PYTHON} not found` };
  const setup = join(SHARED, 'setup.sh');
  if (!existsSync(setup)) return { missing: `${setup} not found (set FASTAI_SHARED or FASTAI_PYTHONPATH)` };
  const r = spawnSync('bash', [setup], { encoding: 'utf8' });
  const path = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !path) return { missing: `${setup} failed: ${(r.stderr || r.stdout).trim().slice(-500)}` };
  return { path };
}

/** fastai's MNIST layout (training/<digit>/*.png) from the npm `mnist` package, made once. */
function mnistFolder(): string {
  const dir = join(MNIST_CACHE, 'mnist_png');
  if (existsSync(join(dir, 'training'))) return dir;
  mkdirSync(MNIST_CACHE, { recursive: true });
  const r = spawnSync(PYTHON, [join(SHARED, 'make-mnist-folder.py'), resolve('.'), MNIST_CACHE], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make-mnist-folder.py failed: ${r.stderr}`);
  return dir;
}

/** Starts every job in one Python process; resolves with each job's result by name. */
export function runFastai(jobs: Job[], pythonPath: string): Promise<Map<string, FastaiResult>> {
  const root = mkdtempSync(join(tmpdir(), 'fastai-check-'));
  const manifest = jobs.map((job, i) => {
    const dir = join(root, String(i).padStart(2, '0'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'train_fastai.py'), job.script);
    for (const f of job.files) writeFileSync(join(dir, f.name), f.bytes);
    return { name: job.name, dir, script: join(dir, 'train_fastai.py') };
  });
  writeFileSync(join(root, 'jobs.json'), JSON.stringify(manifest));
  const env = {
    ...process.env,
    // The stand-in for Accelerate (not installable here): importable, never constructed on one process.
    PYTHONPATH: [join(HERE, 'stub'), pythonPath].join(':'),
    MNIST_PATH: mnistFolder(),
    MPLBACKEND: 'Agg',
    PYTHONDONTWRITEBYTECODE: '1',
    // One core for PyTorch, one for the page's runs in Node, which go on meanwhile.
    OMP_NUM_THREADS: '1',
  };
  return new Promise((done, fail) => {
    const child = spawn(PYTHON, [join(HERE, 'runner.py'), join(root, 'jobs.json'), join(root, 'results.json')], { env, stdio: 'inherit' });
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`runner.py exited with ${code} (scripts in ${root})`));
      const results = JSON.parse(readFileSync(join(root, 'results.json'), 'utf8')) as Record<string, FastaiResult>;
      done(new Map(Object.entries(results)));
    });
  });
}
