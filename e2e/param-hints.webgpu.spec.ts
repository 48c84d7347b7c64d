// Every callback parameter's hint shows in full (wrapped), never cut with an ellipsis.
import { expect, test, collectPageErrors, getState } from './helpers';

test('callback parameter hints are shown whole', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await expect(page.getByTestId('cb-ParamScheduler')).toBeVisible();
  const catalog = (await getState(page)).callbacks.catalog.filter((c) => c.kind === 'optional' && c.params.length > 0);
  expect(catalog.length).toBeGreaterThan(5);
  for (const info of catalog) await page.getByTestId(`cb-${info.name}`).getByRole('button', { name: 'parameters' }).click();

  const hints = await page.locator('.cb-param-hint').evaluateAll((els) =>
    els.map((e) => {
      const css = getComputedStyle(e);
      return { text: e.textContent ?? '', cut: e.scrollWidth > e.clientWidth || css.textOverflow === 'ellipsis' };
    }),
  );
  const descriptions = catalog.flatMap((c) => c.params.map((p) => p.description));
  expect(hints.map((h) => h.text)).toEqual(descriptions);
  expect(hints.filter((h) => h.cut).map((h) => h.text)).toEqual([]);
  await page.getByTestId('cb-ActivationStats').screenshot({ path: test.info().outputPath('param-hints.png') });
  expect(errors).toEqual([]);
});

test('the Training panel says what the run will hold in memory, and follows the batch size', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  // the default spiral (600 points) and MLP 2 x 32 at batch 128 with Adam: by hand in src/shared/memory.test.ts
  const line = page.getByTestId('memory-estimate');
  await expect(line).toHaveText('Memory: ~296.6 KB at its peak, mostly activations of one batch ~270 KB');
  await expect(line).toHaveAttribute('data-bytes', String(5004 + 5004 + 10008 + 276_480 + 7200));
  await page.getByTestId('setting-batchSize').fill('256');
  await expect(line).toHaveAttribute('data-bytes', String(5004 + 5004 + 10008 + 2 * 276_480 + 7200));
  await page.getByTestId('training-section').screenshot({ path: test.info().outputPath('memory-line.png') });
});
