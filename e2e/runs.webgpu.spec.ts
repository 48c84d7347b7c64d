// Keep and compare on WebGPU (SwiftShader): a trained run is saved in IndexedDB with its
// weights, survives a reload (its curves come back when opened), and two runs with different lr
// are compared: curves overlaid, the lr row of their setups highlighted.
import { expect, test, collectPageErrors, getState, openWorkbenchTab, setSetting, trainToEnd } from './helpers';

test('a run is kept across a reload, reopened with its curves, and compared with a second one', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await setSetting(page, 'lr', 0.02);
  await setSetting(page, 'batchSize', 64);
  await setSetting(page, 'epochs', 2);
  await openWorkbenchTab(page, 'callbacks');
  await page.getByTestId('cb-GradientClip').locator('.switch').click();
  await expect.poll(async () => (await getState(page)).callbacks.choices.GradientClip?.enabled).toBe(true);
  await trainToEnd(page);
  const first = await getState(page);
  await openWorkbenchTab(page, 'runs');
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('run-state')).toHaveText('finished');
  // the final weights are stored too
  await expect(rows.first().getByTestId('run-load-weights')).toBeEnabled();

  await page.goto('/'); // a fresh page: no hash, so no callback comes from the link
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await expect.poll(async () => (await getState(page)).callbacks.choices.GradientClip?.enabled ?? false).toBe(false);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '0');
  await openWorkbenchTab(page, 'runs');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-epochs', '2');
  await rows.first().getByTestId('run-open').click();
  await expect(page.getByTestId('loss-chart')).not.toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('accuracy-chart')).toHaveAttribute('data-points', '2');
  const reopened = await getState(page);
  expect(reopened.batches).toEqual(first.batches);
  expect(reopened.setup).toEqual(first.setup);
  // its callbacks come back on with it (the reload started with none)
  await expect.poll(async () => (await getState(page)).callbacks.choices.GradientClip?.enabled).toBe(true);

  await rows.first().getByTestId('run-name').fill('first, lr 0.02');
  await rows.first().getByTestId('run-name').press('Enter');

  await setSetting(page, 'lr', 0.1);
  await setSetting(page, 'epochs', 1);
  await trainToEnd(page);
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId('run-load-weights')).toBeEnabled();
  await rows.nth(0).getByTestId('run-select').check();
  await rows.nth(1).getByTestId('run-select').check();
  const compare = page.getByTestId('run-compare');
  await expect(compare).toHaveAttribute('data-runs', '2');
  await expect(page.getByTestId('compare-loss').locator('.recharts-line path')).toHaveCount(2);
  await expect(page.getByTestId('compare-lr').locator('.recharts-line path')).toHaveCount(2);
  await expect(page.getByTestId('compare-accuracy')).toHaveAttribute('data-points', '2');
  const diff = page.getByTestId('setup-diff');
  await expect(diff.first()).toBeVisible();
  await expect(page.locator('[data-testid="setup-diff"][data-key="lr"]')).toContainText('0.1');
  await expect(page.locator('[data-testid="setup-diff"][data-key="epochs"]')).toBeVisible();
  await expect(page.locator('[data-testid="setup-diff"][data-key="batchSize"]')).toHaveCount(0);
  await expect(compare).toContainText('first, lr 0.02');
  await page
    .getByTestId('runs-panel')
    .screenshot({ path: test.info().outputPath('runs-compare.png') })
    .catch(() => page.screenshot({ path: test.info().outputPath('runs-compare.png'), fullPage: true }));

  // delete the first run
  await rows.nth(1).getByTestId('run-delete').click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('runs-message')).toHaveCount(0);
  expect(errors).toEqual([]);
});
