// Layers and parameters are named as in the PyTorch nn.Sequential of the exported fastai script
// ("1.weight"), with the tfjs name on hover: model summary, debugger norms, ActivationStats.
import { expect, test, collectPageErrors, getState, openWorkbenchTab, type Page } from './helpers';

/** [shown text, title] of each element. */
async function named(page: Page, selector: string): Promise<[string, string][]> {
  return page
    .locator(selector)
    .evaluateAll((els) => els.map((e): [string, string] => [e.textContent ?? '', e.getAttribute('title') ?? '']));
}

test('PyTorch names for the default MLP (2 x 32 relu on the spiral), the tfjs names on hover', async ({ page }) => {
  test.setTimeout(180_000); // a run on SwiftShader
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });

  // nn.Sequential(nn.Flatten(), nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, n_out))
  await expect(page.getByTestId('summary-layer')).toHaveCount(3);
  const summary = await named(page, '[data-testid="summary-layer"]');
  expect(summary.map(([t]) => t)).toEqual(['1 Linear + 2 ReLU', '3 Linear + 4 ReLU', '5 Linear']);
  for (const [, title] of summary) expect(title).toMatch(/^dense_Dense\d+/);

  // one run for the debugger's norms and ActivationStats' rows: ActivationStats on from its start
  await page.getByTestId('cb-ActivationStats').locator('.switch').click();
  await expect(page.getByTestId('cb-switch-ActivationStats')).toBeChecked();

  // the debugger's norms at the first after_batch
  await openWorkbenchTab(page, 'debugger');
  const dbg = page.getByTestId('debugger');
  await dbg.getByTestId('bp-event').selectOption('after_batch');
  await dbg.getByTestId('bp-add').click();
  await page.evaluate(() => window.__playground!.start({ epochs: 1 }));
  await expect(page.getByTestId('dbg-where')).toHaveAttribute('data-event', 'after_batch', { timeout: 90_000 });
  const norms = await named(page, '.dbg-norm-name');
  const params = ['1.weight', '1.bias', '3.weight', '3.bias', '5.weight', '5.bias'];
  expect(norms.length).toBeGreaterThanOrEqual(params.length);
  expect(norms.slice(0, params.length).map(([t]) => t)).toEqual(params);
  for (const [text, title] of norms) expect(title).toMatch(text.endsWith('weight') ? /^dense_Dense\d+\/kernel/ : /^dense_Dense\d+\/bias/);
  await dbg.screenshot({ path: test.info().outputPath('debugger-names.png') });
  await dbg.getByTestId('bp-toggle').uncheck();
  await dbg.getByTestId('dbg-continue').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });

  // ActivationStats' rows (its records are read back at after_fit)
  await openWorkbenchTab(page, 'callbacks');
  expect((await getState(page)).runDetail).toBe('finished');
  const layers = await named(page, '[data-testid="act-layer"] .act-name strong');
  expect(layers.map(([t]) => t)).toEqual(['1 Linear + 2 ReLU', '3 Linear + 4 ReLU', '5 Linear']);
  for (const [, title] of layers) expect(title).toMatch(/^dense_Dense\d+/);
  await page.getByTestId('activations-panel').screenshot({ path: test.info().outputPath('activations-names.png') });
  expect(errors).toEqual([]);
});
