import { defineConfig } from 'vitest/config';

// `npm run test:fastai` only: the exported scripts in real fastai (fastai-check/); `vitest run` never picks these up.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['fastai-check/**/*.fastai.ts'],
    testTimeout: 60_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
