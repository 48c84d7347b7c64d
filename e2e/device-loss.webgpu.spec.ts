import { expect, test, expectFinishedRun, getState, setSetting, trainToEnd } from './helpers';

// A lost GPU device mid-run: the run stops, the page says why and moves to the next backend,
// and the next Train works there.
test('a lost WebGPU device mid-run: clear message, fallback backend, training works again', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await setSetting(page, 'epochs', 200);
  await page.getByTestId('train-button').click();
  await expect.poll(async () => (await getState(page)).batches.length, { timeout: 60_000 }).toBeGreaterThan(0);
  await page.evaluate(() => window.__playground!.loseGpuDevice());
  await expect(page.getByTestId('error-banner')).toContainText('The GPU device was lost', { timeout: 30_000 });
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgl', { timeout: 30_000 });
  await expect(page.getByTestId('status')).not.toHaveAttribute('data-state', 'training', { timeout: 30_000 });
  await setSetting(page, 'epochs', 2);
  await trainToEnd(page);
  const state = await expectFinishedRun(page, 2);
  expect(state.backend?.name).toBe('webgl');
});
