// A run that never trained a batch is kept in the Runs tab, but never offered as weights: neither
// one that failed at data load nor one stopped before its first batch (the worker's model then is
// a fresh, untrained one).
import { expect, getState, openWorkbenchTab, test } from './helpers';

const MNIST = '**/data/mnist-10k.bin';

test('a run that failed at data load is kept, without a "Load weights"', async ({ page }) => {
  await page.route(MNIST, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await page.getByTestId('dataset-select').selectOption('mnist');
  await expect(page.getByTestId('data-error')).toContainText('HTTP 404');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-detail', 'failed', { timeout: 30_000 });
  await expect(page.getByTestId('error-banner')).toContainText('HTTP 404');

  await openWorkbenchTab(page, 'runs');
  const row = page.getByTestId('run-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('run-state')).toHaveText('failed');
  await expect(row.getByTestId('run-load-weights')).toHaveCount(0);
  await expect(row.getByTestId('run-open')).toBeEnabled();
});

test('a run stopped before its first batch is kept, without a "Load weights"', async ({ page }) => {
  // MNIST's file is held back until the run has been stopped: the stop reaches it before its Learner exists
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(MNIST, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await page.getByTestId('dataset-select').selectOption('mnist');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'training');
  await page.getByTestId('stop-button').click();
  release();
  await expect(page.getByTestId('status')).toHaveAttribute('data-detail', 'stopped', { timeout: 60_000 });
  expect((await getState(page)).batches).toHaveLength(0);
  // The worker keeps that untrained model (it can be exported); a download of it comes after the
  // run's own weights would have been saved (one worker, messages in order).
  const download = page.waitForEvent('download');
  await page.getByTestId('export-model').click();
  await download;

  await openWorkbenchTab(page, 'runs');
  const row = page.getByTestId('run-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('run-state')).toHaveText('stopped');
  await expect(row).toHaveAttribute('data-epochs', '0');
  await expect(row.getByTestId('run-load-weights')).toHaveCount(0);
  expect((await getState(page)).saved.runs[0].weights).toBeNull();
});
