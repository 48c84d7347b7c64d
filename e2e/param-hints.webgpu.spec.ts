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
