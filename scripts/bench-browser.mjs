// What the page benchmarks share: headless Chromium's flags (off the network; WebGPU on SwiftShader),
// the main thread's long tasks recorded from the first script on, and small statistics.
export const QUIET = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const WEBGPU = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader'];

/** From the page's first script: every main-thread task over 50 ms in `window.__longTasks` ({ start, ms }). */
export async function recordLongTasks(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => window.__longTasks.push({ start: e.startTime, ms: e.duration })),
    ).observe({
      type: 'longtask',
      buffered: true,
    });
  });
}

export const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export const quantile = (xs, q) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
