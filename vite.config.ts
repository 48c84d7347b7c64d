import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { DEV_NONCE, ISOLATION_HEADERS, contentSecurityPolicy } from './csp';

/**
 * The CSP (./csp.ts) as a <meta> first in index.html and as a header on every response: the
 * worker's own policy on the worker script (the one request a browser makes with
 * Sec-Fetch-Dest: worker), the page's on everything else; and the isolation headers.
 */
function csp(): Plugin {
  let dev = false;
  type Req = { headers: Record<string, string | string[] | undefined> };
  const header = (isDev: boolean) => (req: Req, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    const worker = req.headers['sec-fetch-dest'] === 'worker';
    res.setHeader('Content-Security-Policy', contentSecurityPolicy({ dev: isDev, header: true, worker }));
    for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
    next();
  };
  return {
    name: 'content-security-policy',
    config: (_, env) => (env.command === 'serve' && !env.isPreview ? { html: { cspNonce: DEV_NONCE } } : {}),
    configResolved(config) {
      dev = config.command === 'serve' && !config.isProduction;
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ dev, header: false }) },
          injectTo: 'head-prepend',
        },
      ],
    },
    configureServer(server) {
      server.middlewares.use(header(true));
    },
    configurePreviewServer(server) {
      server.middlewares.use(header(false));
    },
  };
}

// One config for the app (Vite) and the unit tests (Vitest).
export default defineConfig({
  plugins: [react(), csp()],
  worker: {
    // The training worker is an ES module worker (new Worker(url, { type: 'module' })).
    format: 'es',
    // Callback names come from class names (fastai's `TrainEvalCallback` -> `train_eval`): keep them.
    rolldownOptions: { output: { keepNames: true } },
  },
  build: {
    target: 'es2022',
    // tfjs is big; the warning says nothing we do not know.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { output: { keepNames: true } },
  },
  // The worker's deps, pre-bundled up front: otherwise the dev server finds them on the
  // first worker load and reloads the page.
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm'] },
  preview: { port: 4173, strictPort: true },
  // Builds and test output beside the sources must not reload an open dev page.
  server: { watch: { ignored: ['**/dist*/**', '**/test-results*/**', '**/.shots/**', '**/playwright-report/**', '**/bench/out/**'] } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // tfjs's pure-JS cpu backend is slow on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
