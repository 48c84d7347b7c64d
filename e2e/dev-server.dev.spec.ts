// What `npm run dev` serves, not the build: unbundled modules and the worker loaded from its
// source under the dev server's paths (MNIST's file is resolved from the page's base URL, not from
// the worker's script). One page for the whole walk: each fresh page loads hundreds of modules.
import { expect, expectFinishedRun, getState, openWorkbenchTab, setSetting, test, trainToEnd } from './helpers';

test('the dev server: first load, spiral and MNIST train, the LR finder runs, a user callback runs', async ({ page }) => {
  test.setTimeout(240_000);

  await test.step('first load (the dev server compiles its modules on the first request)', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Learner Playground' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 90_000 });
    await expect(page.getByTestId('dataset-info')).toContainText('Spiral', { timeout: 30_000 });
    await expect(page.getByTestId('model-summary').locator('tbody tr').first()).toBeVisible();
  });

  await test.step('spiral trains', async () => {
    await setSetting(page, 'epochs', 1);
    await trainToEnd(page);
    await expectFinishedRun(page, 1);
    await expect(page.getByTestId('boundary')).toHaveAttribute('data-has-grid', 'true');
  });

  await test.step('MNIST loads and trains one short epoch', async () => {
    await page.getByTestId('dataset-select').selectOption('mnist');
    await setSetting(page, 'data-limit', 500);
    await expect(page.getByTestId('dataset-info')).toContainText('MNIST (500 images): 400 train / 100 valid', { timeout: 30_000 });
    await setSetting(page, 'epochs', 1);
    await trainToEnd(page);
    await expectFinishedRun(page, 1);
    await expect(page.getByTestId('image-grid').locator('.image-cell')).toHaveCount(32);
  });

  await test.step('the LR finder runs', async () => {
    await openWorkbenchTab(page, 'lr-finder');
    await page.getByTestId('cbp-LRFinder-numIt').fill('20');
    await page.getByTestId('cbp-LRFinder-numIt').press('Enter');
    await page.getByTestId('lr-find-button').click();
    await expect(page.getByTestId('lr-finder')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('lr-finder')).not.toHaveAttribute('data-points', '0');
    expect((await getState(page)).activity).toBe('idle');
  });

  await test.step('a callback written in the page runs (the worker loads it as a blob: module under the dev CSP)', async () => {
    await openWorkbenchTab(page, 'code');
    await page.getByTestId('ucb-example').selectOption('valid-train-ratio');
    await page.getByTestId('ucb-add').click();
    await expect
      .poll(async () => Object.values((await getState(page)).userCallbacks.infos).map((i) => i.className), { timeout: 30_000 })
      .toEqual(['ValidTrainRatio']);
    await trainToEnd(page);
    await expect.poll(async () => (await getState(page)).userLog.series['valid/train']?.y.length).toBe(1);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });
});
