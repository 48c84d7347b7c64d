// The build flags the page and the worker read (Vite replaces them at build time).
// Only tsconfig.app.json and tsconfig.worker.json include this file.

interface ImportMetaEnv {
  /**
   * '1' in the builds for the e2e tests and the benchmark (playwright.config.ts, scripts/bench-page.mjs):
   * they get the test API on window (src/app/test-api.ts); a plain `vite build` has none of it.
   */
  readonly VITE_TEST_API?: string;
}
