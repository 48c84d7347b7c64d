import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One config for the app (Vite) and the unit tests (Vitest).
export default defineConfig({
  plugins: [react()],
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
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // tfjs's pure-JS cpu backend is slow on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
