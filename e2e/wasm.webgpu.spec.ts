import { expect, test, collectPageErrors, expectFinishedRun, setSetting, trainToEnd } from './helpers';

// WASM is the third fallback (after WebGPU and WebGL): its binaries must load from the build.
test('the backend picker switches to WASM and training still works', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', { timeout: 30_000 });
  await setSetting(page, 'epochs', 3);
  await trainToEnd(page);
  const state = await expectFinishedRun(page, 3);
  expect(state.backend?.name).toBe('wasm');
  expect(errors).toEqual([]);
});
