import { defineConfig } from '@playwright/test';

// Playwright's own browser download does not work here: always Debian's chromium
// (or CHROMIUM_PATH). See ../shared/WEBGPU-HERE.md.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT / E2E_DIST: a private server and build, for a second e2e run beside another one.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';
// E2E_DEV_PORT: the dev server's (`npm run dev`), for the dev project.
const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? 5174);

/** Keeps headless Chromium off the (closed) network. */
const QUIET = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** WebGPU on SwiftShader, Chromium's CPU Vulkan implementation. */
const WEBGPU = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader'];

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // 2 cores: one browser at a time keeps SwiftShader timings sane.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    viewport: { width: 1280, height: 860 },
    // A failed test keeps its trace (actions, DOM snapshots, network), without the screencast: its
    // screenshots, taken all along every test, took ~20% of the 2 cores SwiftShader trains on.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
  },
  projects: [
    {
      name: 'webgpu',
      testMatch: /webgpu\.spec\.ts/,
      use: { launchOptions: { executablePath, args: [...QUIET, ...WEBGPU] } },
    },
    {
      name: 'fallback',
      testMatch: /fallback\.spec\.ts/,
      use: { launchOptions: { executablePath, args: QUIET } },
    },
    {
      // What `npm run dev` serves (unbundled modules, the worker from its source): the smoke specs.
      name: 'dev',
      testMatch: /\.dev\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${DEV_PORT}`, launchOptions: { executablePath, args: [...QUIET, ...WEBGPU] } },
    },
  ],
  webServer: [
    {
      // A production build served by `vite preview` (what users get), with the test API the specs
      // drive (window.__playground: VITE_TEST_API, see src/vite-env.d.ts).
      env: { VITE_TEST_API: '1' },
      command: `npx vite build --outDir ${DIST} --emptyOutDir && npx vite preview --outDir ${DIST} --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The README's `npm run dev`, with the same test API.
      env: { VITE_TEST_API: '1' },
      command: `npm run dev -- --host 127.0.0.1 --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
