import { expect, test } from '@playwright/test';
import { collectPageErrors, expectFinishedRun, getState, setSetting, trainToEnd } from './helpers';

test.describe('with WebGPU (SwiftShader)', () => {
  test('trains on webgpu, draws the charts and shows the accuracy', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Learner Playground' })).toBeVisible();
    const badge = page.getByTestId('backend-badge');
    await expect(badge).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
    await expect(badge).toHaveText(/^Backend: webgpu · google swiftshader/);

    // SwiftShader runs ~0.2 s per batch (more when the machine is busy):
    // 15 epochs of 5 train + 2 valid batches keeps this well under a minute.
    await setSetting(page, 'epochs', 15);
    await setSetting(page, 'batchSize', 48);
    await setSetting(page, 'lr', 0.02);
    await trainToEnd(page);
    const state = await expectFinishedRun(page, 15);
    expect(state.backend?.name).toBe('webgpu');
    // The default run learns the spiral well past chance (1/3).
    expect(state.epochs.at(-1)?.metrics.accuracy).toBeGreaterThan(0.6);
    await page.screenshot({ path: 'docs/screenshot.png' });
    expect(errors).toEqual([]);
  });

  test('Stop cancels a long run at the next batch', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
    await setSetting(page, 'epochs', 500);
    await page.getByTestId('train-button').click();
    await expect.poll(async () => (await getState(page)).batches.length, { timeout: 30_000 }).toBeGreaterThan(5);
    await page.getByTestId('stop-button').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-detail', 'stopped', { timeout: 15_000 });
    const state = await getState(page);
    expect(state.runState).toBe('done');
    expect(state.epochs.length).toBeLessThan(500);
    expect(state.leakedTensors).toBe(0);
    await expect(page.getByTestId('train-button')).toBeEnabled();
    expect(errors).toEqual([]);
  });
});
