// ESLint (flat config): typescript-eslint's recommended rules (not type-aware, so it stays fast)
// everywhere, plus the react-hooks rules for the page's components. Formatting is Prettier's job.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist*/',
      'node_modules/',
      'bench/out/',
      'gpu-pack/',
      'test-results*/',
      '.shots/',
      'playwright-report/',
      'public/',
      '**/__pycache__/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsc already reports unused locals and parameters; here only the ones it cannot see.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // The page, the worker and the browser half of the benchmark.
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    files: ['**/*.tsx', 'src/app/**/*.ts', 'src/features/*/page/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Node: scripts, configs, the e2e specs (their page.evaluate callbacks run in the browser).
    files: ['scripts/**/*.{js,mjs,ts}', '*.{js,mjs,ts}', 'e2e/**/*.ts', 'bench/**/*.{mjs,ts}', 'fastai-check/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Specs take test/expect from ./helpers: its test fails on any console error of the page or worker.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@playwright/test', importNames: ['test', 'expect'], message: "Import test and expect from './helpers'." }] },
      ],
    },
  },
);
