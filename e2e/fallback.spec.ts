import { expect, test, collectPageErrors, expectFinishedRun, setSetting, trainToEnd } from './helpers';

// This project launches Chromium without the WebGPU flags: navigator.gpu exists
// but requestAdapter() returns null, so the worker falls back (webgl or cpu).
test('falls back without WebGPU, says why, and still trains', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', /^(webgl|cpu)$/, { timeout: 30_000 });
  await expect(badge).toHaveText(/^Backend: (webgl|cpu) — WebGPU unavailable: (no adapter|navigator\.gpu missing)/);

  await setSetting(page, 'epochs', 3);
  await trainToEnd(page);
  const state = await expectFinishedRun(page, 3);
  expect(state.backend?.fallbackReason).toMatch(/^WebGPU: /);
  expect(errors).toEqual([]);
});

test('shows a training error and stays usable', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /^(webgl|cpu)$/, { timeout: 30_000 });
  // A config the form would clamp: the worker must report the failure, not swallow it.
  await page.evaluate(() => window.__playground?.start({ batchSize: 0 }));
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('data-where', 'training');
  await expect(banner).toContainText('Batch size must be at least 1');
  await expect(page.getByTestId('status')).toHaveAttribute('data-detail', 'failed');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await expect(page.getByRole('heading', { name: 'Learner Playground' })).toBeVisible();
  expect(errors).toEqual([]);
});
