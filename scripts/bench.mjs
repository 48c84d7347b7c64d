// `npm run bench`: builds the benchmark page, serves it, and runs it in headless Chromium on
// WebGPU (SwiftShader here), WebGL and CPU, one fresh browser each; prints the tables and writes
// bench/results.json; then measures the app page while it trains (scripts/bench-page.mjs).
// Options: --plan=full|cpuSized|quick (default cpuSized), --backends=webgpu,cpu (none: page only), --only=mlp,
// --steps=N --rounds=N (override the plan), --no-page, --no-first-batch / --first-batch-only (the
// first-batch table: each side alone in a fresh browser, so neither reuses the other's compiled shaders)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { benchPage } from './bench-page.mjs';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const plan = args.get('plan') ?? 'cpuSized';
const backends = (args.get('backends') ?? 'webgpu,webgl,cpu').split(',').filter(Boolean);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = 4174;
const QUIET = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WEBGPU = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader'];

const build = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn(
  'npx',
  ['vite', 'preview', '--config', 'bench/vite.config.ts', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
const stopServer = () => {
  try {
    process.kill(-server.pid);
  } catch {
    // the server has already gone
  }
};
process.on('exit', stopServer);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the benchmark server did not start');
}

async function runBackend(backend) {
  const browser = await chromium.launch({ executablePath, headless: true, args: backend === 'webgpu' ? [...QUIET, ...WEBGPU] : QUIET });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error(`  [page] ${m.text()}`));
    const extra = Object.fromEntries(['only', 'steps', 'rounds'].filter((k) => args.has(k)).map((k) => [k, args.get(k)]));
    const query = new URLSearchParams({ backend, plan, ...extra });
    await page.goto(`http://127.0.0.1:${PORT}/?${query}`);
    let printed = 0;
    for (;;) {
      const { result, log } = await page.evaluate(() => ({
        result: window.__benchResult ?? null,
        log: document.getElementById('log')?.textContent ?? '',
      }));
      const lines = log.split('\n');
      lines.slice(printed).forEach((l) => console.log(`  ${l}`));
      printed = lines.length;
      if (result) return result;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await browser.close();
  }
}

/** One side's first batch on `backend`, in a fresh browser (nothing compiled, nothing cached). */
async function firstBatchIn(backend, side, workload, batchSize) {
  const browser = await chromium.launch({ executablePath, headless: true, args: backend === 'webgpu' ? [...QUIET, ...WEBGPU] : QUIET });
  try {
    const page = await browser.newPage();
    const query = new URLSearchParams({ backend, firstBatch: side, workload, batchSize: String(batchSize) });
    await page.goto(`http://127.0.0.1:${PORT}/?${query}`);
    await page.waitForFunction(() => window.__benchResult, null, { timeout: 300_000, polling: 100 });
    const reply = await page.evaluate(() => window.__benchResult);
    if (reply.type !== 'first-batch') throw new Error(`${backend} ${side}: ${reply.message ?? reply.type}`);
    return reply.result;
  } finally {
    await browser.close();
  }
}

/** The Learner's first batch against the bare loop's, each side alone in a fresh browser, with the Learner's phases. */
async function firstBatches() {
  const sizes = { mlp: 32, cnn: 8 }; // the cpuSized plan's batches
  const rows = [];
  for (const backend of backends) {
    for (const [workload, batchSize] of Object.entries(sizes)) {
      const bare = await firstBatchIn(backend, 'bare', workload, batchSize);
      const learner = await firstBatchIn(backend, 'learner', workload, batchSize);
      const ratio = learner.ms / bare.ms;
      rows.push({
        backend,
        workload,
        bareMs: bare.ms,
        learnerMs: learner.ms,
        ratio: Number(ratio.toFixed(2)),
        learnerPhases: learner.phases,
        barePhases: bare.phases,
      });
      const phases = learner.phases.map((p) => `${p.phase} ${p.atMs}`).join(' · ');
      console.log(
        `  ${backend} ${workload}: Learner ${learner.ms} ms / bare ${bare.ms} ms = ${ratio.toFixed(2)} (target ≤ 1.5) — Learner at: ${phases}`,
      );
    }
  }
  return rows;
}

try {
  await waitForServer();
  const results = {};
  const firstOnly = args.has('first-batch-only');
  for (const backend of firstOnly ? [] : backends) {
    console.log(`\n== ${backend} (plan ${plan}) ==`);
    results[backend] = await runBackend(backend);
  }
  let firstBatch = null;
  if (backends.length && !args.has('no-first-batch')) {
    console.log('\n== first batch, each side in a fresh browser ==');
    firstBatch = await firstBatches();
  }
  stopServer();
  let page = null;
  if (!args.has('no-page') && !firstOnly) {
    console.log('\n== the page while training (webgpu) ==');
    page = await benchPage({ executablePath });
    console.log(JSON.stringify(page, null, 2));
  }
  mkdirSync('bench', { recursive: true });
  // `--backends=` (none) measures the page only and keeps the backends' figures of the last run.
  const previous =
    (!backends.length || firstOnly) && existsSync('bench/results.json') ? JSON.parse(readFileSync('bench/results.json', 'utf8')) : null;
  const record = firstOnly
    ? { ...previous, firstBatch, firstBatchDate: new Date().toISOString() }
    : previous
      ? { ...previous, page, pageDate: new Date().toISOString() }
      : { date: new Date().toISOString(), plan, chromium: executablePath, results, firstBatch, page };
  writeFileSync('bench/results.json', JSON.stringify(record, null, 2));
  console.log('\nwrote bench/results.json');
  const failed = Object.entries(results).filter(([, r]) => r.type !== 'done');
  failed.forEach(([b, r]) => console.error(`${b}: ${r.message}`));
  process.exitCode = failed.length ? 1 : 0;
} finally {
  stopServer();
}
