// The benchmark page's own build (kept apart from the app's): `npm run bench` builds and serves it.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'bench/browser',
  base: './',
  worker: { format: 'es', rolldownOptions: { output: { keepNames: true } } },
  build: {
    outDir: '../out/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8192,
    rolldownOptions: { output: { keepNames: true } },
  },
  preview: { port: 4174, strictPort: true },
});
