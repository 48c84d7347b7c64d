// The page while training (its responsiveness and the chart's latency), in headless Chromium on WebGPU (SwiftShader):
// main-thread long tasks, worker messages per second, loss-chart render time with 1,000,000 batches
// of history, and the latency from a loss read back in the worker to the chart drawing it.
// Run by `npm run bench` (scripts/bench.mjs) or alone: node scripts/bench-page.mjs [--seconds=20]
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { benchLongRun } from './bench-long-run.mjs';
import { QUIET, WEBGPU, quantile, recordLongTasks } from './bench-browser.mjs';

const PORT = 4175;
const OUT = 'bench/out/app';

/**
 * From pressing Train (the button's pointerdown, page clock) to the loss chart's first commit that
 * draws a batch, for the default spiral, in a fresh browser each time (no shader cached): Train
 * pressed as soon as the worker is ready, and after the page was idle `idleMs` (the worker
 * compiles the setup's programs meanwhile). `storeMs`: to the first loss in the page's store.
 */
export async function trainToFirstPoint(executablePath, idleMs, port = PORT) {
  const browser = await chromium.launch({ executablePath, headless: true, args: [...QUIET, ...WEBGPU] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.__playground?.getState().workerState === 'ready', null, { timeout: 60_000 });
    if (idleMs) await page.waitForTimeout(idleMs);
    await page.evaluate(() => {
      window.__playground.enablePerfProbe();
      const button = document.querySelector('[data-testid="train-button"]');
      button.addEventListener('pointerdown', (e) => (window.__pressedAt = e.timeStamp), { once: true });
      const stop = window.__playground.subscribe((s) => {
        if (s.batches.length > 0) {
          window.__storedAt = performance.now();
          stop();
        }
      });
    });
    await page.getByTestId('train-button').click();
    await page.waitForFunction(() => window.__playground.perfReport().chartRenders.some((r) => r.batches > 0), null, {
      timeout: 60_000,
      polling: 50,
    });
    const { drawnAt, pressedAt, storedAt } = await page.evaluate(() => ({
      drawnAt: window.__playground.perfReport().chartRenders.find((r) => r.batches > 0).at,
      pressedAt: window.__pressedAt,
      storedAt: window.__storedAt,
    }));
    // one batch once compiled (the "+ one batch" of the target): the mean over the next 20 in the store
    const batchMs = await page.evaluate(async () => {
      const n = () => window.__playground.getState().batches.length;
      const [n1, t1] = [n(), performance.now()];
      while (n() < n1 + 20) await new Promise((r) => setTimeout(r, 10));
      return (performance.now() - t1) / (n() - n1);
    });
    return { ms: Math.round(drawnAt - pressedAt), storeMs: Math.round(storedAt - pressedAt), batchMs: Math.round(batchMs) };
  } finally {
    await browser.close();
  }
}

/** `trainToFirstPoint` in 3 fresh browsers: the median (by `ms`) and each run. */
async function firstPoints(executablePath, idleMs) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await trainToFirstPoint(executablePath, idleMs));
  const median = [...runs].sort((a, b) => a.ms - b.ms)[1];
  return { ...median, runs: runs.map((r) => r.ms) };
}

/** Twenty edits of a 30-layer list's second layer (its units), each waited for on the page. */
async function editorEdits(page) {
  await page.evaluate(() => {
    const body = Array.from({ length: 29 }, (_, i) => (i % 2 ? 'relu' : 'linear(40)')).join(' ');
    window.__playground.getState().setModel({ kind: 'layers', stack: `flatten ${body}`, init: 'glorot' });
  });
  await page.getByTestId('layer-row').nth(29).waitFor();
  const units = page.getByTestId('layer-row').nth(1).getByTestId('layer-arg-units');
  for (let i = 0; i < 20; i++) {
    const v = String(41 + (i % 2));
    await units.fill(v);
    await page
      .getByTestId('layer-out')
      .nth(1)
      .filter({ hasText: new RegExp(`^${v}$`) })
      .waitFor();
  }
  const ms = await page.evaluate(() =>
    (window.__playground.perfReport().editorCommits ?? []).filter((c) => c.layers === 30).map((c) => c.ms),
  );
  return { median: quantile(ms, 0.5), max: ms.length ? Math.max(...ms) : null, n: ms.length };
}

export async function benchPage({
  seconds = 20,
  longRunEpochs = 200,
  executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
} = {}) {
  // With the test API (window.__playground), which a plain build leaves out.
  const build = spawnSync('npx', ['vite', 'build', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, VITE_TEST_API: '1' },
  });
  if (build.status !== 0) throw new Error('the app build failed');
  const server = spawn('npx', ['vite', 'preview', '--outDir', OUT, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const browser = await chromium.launch({ executablePath, headless: true, args: [...QUIET, ...WEBGPU] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await recordLongTasks(page);
    for (let i = 0; ; i++) {
      try {
        await page.goto(`http://127.0.0.1:${PORT}/`);
        break;
      } catch (err) {
        if (i > 50) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await page.waitForFunction(() => window.__playground?.getState().workerState === 'ready', null, { timeout: 60_000 });
    const backend = await page.evaluate(() => window.__playground.getState().backend);
    const firstPoint = { atOnce: await firstPoints(executablePath, 0), afterIdle5s: await firstPoints(executablePath, 5000) };

    // 1. Train: many small batches (spiral, batch 16), measured for `seconds` after the first batch.
    await page.evaluate(() => {
      window.__playground.enablePerfProbe();
      window.__playground.start({ batchSize: 16, epochs: 1000 });
    });
    await page.waitForFunction(() => window.__playground.getState().batches.length > 0, null, { timeout: 120_000 });
    const t0 = await page.evaluate(() => performance.now());
    await page.waitForTimeout(seconds * 1000);
    const during = await page.evaluate((since) => {
      const r = window.__playground.perfReport();
      return {
        now: performance.now(),
        longTasks: window.__longTasks.filter((t) => t.start >= since),
        messageTimes: r.messageTimes.filter((t) => t >= since),
        latencies: r.latencies,
        batches: window.__playground.getState().batches.length,
      };
    }, t0);
    await page.evaluate(() => window.__playground.stop());
    await page.waitForFunction(() => window.__playground.getState().runState !== 'training', null, { timeout: 60_000 });

    // 2. The loss chart with 1,000,000 batches of history: time of each re-render as records keep arriving.
    const t1 = await page.evaluate(() => performance.now());
    await page.evaluate(() => window.__playground.injectHistory(1_000_000));
    for (let i = 0; i < 10; i++) {
      await page.evaluate(() => window.__playground.injectHistory(10));
      await page.waitForTimeout(300); // the chart redraws at most every 250 ms
    }
    const renders = await page.evaluate(() =>
      window.__playground
        .perfReport()
        .chartRenders.filter((r) => r.batches >= 1_000_000)
        .map((r) => r.ms),
    );
    const longTasksWithHistory = await page.evaluate((since) => window.__longTasks.filter((t) => t.start >= since && t.ms > 50).length, t1);

    // 3. The layer-list editor with 30 layers: from an argument's input event to the editor's commit.
    const editor = await editorEdits(page);
    // 4. A long run in a fresh browser: the end as fast as the start?
    const longRun = longRunEpochs ? await benchLongRun({ port: PORT, epochs: longRunEpochs, executablePath }) : null;

    const elapsed = (during.now - t0) / 1000;
    const perSecond = new Map();
    during.messageTimes.forEach((t) => perSecond.set(Math.floor((t - t0) / 1000), (perSecond.get(Math.floor((t - t0) / 1000)) ?? 0) + 1));
    return {
      backend: backend?.name,
      adapter: backend?.adapter ? `${backend.adapter.vendor} ${backend.adapter.architecture}` : null,
      trainToFirstLossPointMs: firstPoint,
      trainingSeconds: Number(elapsed.toFixed(1)),
      batchesDrawn: during.batches,
      longTasksOver50msWhileTraining: during.longTasks.filter((t) => t.ms > 50).length,
      longestTaskMs: Math.max(0, ...during.longTasks.map((t) => t.ms)),
      messagesPerSecond: { mean: Number((during.messageTimes.length / elapsed).toFixed(1)), max: Math.max(0, ...perSecond.values()) },
      lossToChartLatencyMs: { median: quantile(during.latencies, 0.5), p95: quantile(during.latencies, 0.95), n: during.latencies.length },
      lossChartRenderMsAt1MBatches: { median: quantile(renders, 0.5), max: Math.max(0, ...renders), n: renders.length },
      longTasksOver50msAfter1MHistory: longTasksWithHistory,
      layerEditorMsPerEdit30Layers: editor,
      longRun,
    };
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid);
    } catch {
      // the server has already gone
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
  const result = await benchPage({ seconds: Number(args.get('seconds') ?? 20), longRunEpochs: Number(args.get('long-run-epochs') ?? 200) });
  console.log(JSON.stringify(result, null, 2));
}
