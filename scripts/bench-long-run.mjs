// A long run as a careful tester would try it: the default spiral for 200 epochs on WebGPU (SwiftShader),
// in a fresh browser. Is the end as fast as the start? Samples/s of the last 10 % of epochs ÷ the first
// 10 %, the longest main-thread task in each tenth, the page's heap before and after (after a GC), and
// the bytes the saved run writes to IndexedDB per epoch at the start and at the end.
// Run by `npm run bench` (scripts/bench.mjs, with the page) or alone against a served build:
//   node scripts/bench-long-run.mjs --port=4175 [--epochs=200]
import { chromium } from '@playwright/test';

import { QUIET, WEBGPU, mean, recordLongTasks } from './bench-browser.mjs';

export async function benchLongRun({ port, epochs = 200, executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }) {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...QUIET, ...WEBGPU, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await recordLongTasks(page);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.__playground?.getState().workerState === 'ready', null, { timeout: 60_000 });
    const heap = () =>
      page.evaluate(() => {
        window.gc?.();
        return performance.memory?.usedJSHeapSize ?? null;
      });
    const heapBefore = await heap();
    await page.evaluate((n) => {
      window.__playground.enablePerfProbe();
      window.__epochAt = [];
      let seen = 0;
      // the page clock at which each epoch's record reached the store
      window.__playground.subscribe((s) => {
        while (seen < s.epochs.length) window.__epochAt[seen++] = performance.now();
      });
      window.__playground.start({ epochs: n });
    }, epochs);
    await page.waitForFunction(() => window.__playground.getState().runState === 'done', null, { timeout: 20 * 60_000, polling: 1000 });
    // let the last IndexedDB writes land
    await page.waitForTimeout(1000);
    const heapAfter = await heap();
    const r = await page.evaluate(() => {
      const s = window.__playground.getState();
      return {
        epochs: s.epochs.map((e) => e.seconds),
        nTrain: s.dataset?.nTrain ?? null,
        epochAt: window.__epochAt,
        longTasks: window.__longTasks,
        idbWrites: window.__playground.perfReport().idbWrites ?? [],
        chartRenders: window.__playground.perfReport().chartRenders,
      };
    });
    const tenth = Math.max(1, Math.floor(r.epochs.length / 10));
    const rate = (secs) => mean(secs.map((x) => r.nTrain / x));
    const [first, last] = [r.epochs.slice(0, tenth), r.epochs.slice(-tenth)];
    const window10 = (from, to) => r.longTasks.filter((t) => t.start >= from && t.start < to).reduce((m, t) => Math.max(m, t.ms), 0);
    const at = r.epochAt;
    const epochWrites = r.idbWrites.filter((w) => w.kind === 'epoch');
    const bytesAt = (ws) => Math.round(mean(ws.map((w) => w.bytes)) ?? 0);
    // the main thread's busy time in long tasks, per second of the run, in each tenth
    const busy = (from, to) =>
      r.longTasks.filter((t) => t.start >= from && t.start < to).reduce((s, t) => s + t.ms, 0) / ((to - from) / 1000);
    const n = r.chartRenders.length;
    const renderMs = (rs) => Number((mean(rs.map((c) => c.ms)) ?? 0).toFixed(1));
    return {
      epochs: r.epochs.length,
      samplesPerSecond: {
        first10pct: Math.round(rate(first)),
        last10pct: Math.round(rate(last)),
        lastOverFirst: Number((rate(last) / rate(first)).toFixed(3)),
        target: 0.95,
      },
      longestTaskMs: {
        first10pct: Math.round(window10(0, at[tenth - 1])),
        last10pct: Math.round(window10(at[at.length - tenth - 1], Infinity)),
      },
      longTaskMsPerSecond: {
        first10pct: Math.round(busy(0, at[tenth - 1])),
        last10pct: Math.round(busy(at[at.length - tenth - 1], at[at.length - 1])),
      },
      lossChartRenderMs: {
        first10pct: renderMs(r.chartRenders.slice(0, Math.ceil(n / 10))),
        last10pct: renderMs(r.chartRenders.slice(-Math.ceil(n / 10))),
        renders: n,
      },
      heapMB:
        heapBefore && heapAfter
          ? { before: Number((heapBefore / 2 ** 20).toFixed(1)), after: Number((heapAfter / 2 ** 20).toFixed(1)) }
          : null,
      idbBytesPerEpochWrite: {
        first10pct: bytesAt(epochWrites.slice(0, tenth)),
        last10pct: bytesAt(epochWrites.slice(-tenth)),
        writes: epochWrites.length,
      },
    };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
  const result = await benchLongRun({ port: Number(args.get('port') ?? 4175), epochs: Number(args.get('epochs') ?? 200) });
  console.log(JSON.stringify(result, null, 2));
}
