import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { DEV_NONCE, contentSecurityPolicy } from './csp';

/** The CSP (./csp.ts) as a <meta> first in index.html and as a header on every response. */
function csp(): Plugin {
  let dev = false;
  const header = (policy: string) => (_req: unknown, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    res.setHeader('Content-Security-Policy', policy);
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
      server.middlewares.use(header(contentSecurityPolicy({ dev: true, header: true })));
    },
    configurePreviewServer(server) {
      server.middlewares.use(header(contentSecurityPolicy({ dev: false, header: true })));
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
