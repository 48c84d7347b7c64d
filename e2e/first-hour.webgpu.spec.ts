// The first hour with the playground, on WebGPU (SwiftShader): the fields always show the setup
// that trains (after the LR finder's "Use", a link, a reopened run, a dismissed "stop training?"),
// the LR finder says how far it is and can be cancelled, the lr axis reads small rates in full,
// and runs that differ only in lr have names that say so.
import type { Page } from '@playwright/test';
import { expect, test, collectPageErrors, getState, openWorkbenchTab, setSetting, trainToEnd } from './helpers';

async function ready(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
}

async function lrFinderParam(page: Page, name: string, value: string): Promise<void> {
  const input = page.getByTestId(`cbp-LRFinder-${name}`);
  await input.fill(value);
  await input.press('Enter');
}

// One page for the LR finder's walks: Use, then a long find cancelled.
test('the lr field shows the LR finder suggestion after Use, and a link or a reopened run sets every field; the LR finder shows iteration i/n and time left, and Cancel leaves the page idle', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await ready(page, '#lr=0.0042&bs=48');
  await expect(page.getByTestId('setting-lr')).toHaveValue('0.0042');
  await expect(page.getByTestId('setting-batchSize')).toHaveValue('48');

  await openWorkbenchTab(page, 'lr-finder');
  await lrFinderParam(page, 'numIt', '20');
  await page.getByTestId('lr-find-button').click();
  await expect(page.getByTestId('lr-finder')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const valley = (await getState(page)).lrFind.result!.suggestions.valley!;
  await page.getByTestId('use-lr-valley').click();
  const used = Number(valley.lr.toPrecision(3));
  await expect.poll(async () => (await getState(page)).setup.lr).toBe(used);
  await expect(page.getByTestId('setting-lr')).toHaveValue(String(used));

  // a refused text stays while it is being edited; a setting set from outside replaces it
  await page.getByTestId('setting-lr').fill('abc');
  await expect(page.getByTestId('error-lr')).toBeVisible();
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await page.getByTestId('use-lr-valley').click();
  await expect(page.getByTestId('setting-lr')).toHaveValue(String(used));
  await expect(page.getByTestId('error-lr')).toHaveCount(0);
  await expect(page.getByTestId('train-button')).toBeEnabled();

  await test.step('the LR finder shows iteration i/n and time left, and Cancel leaves the page idle', async () => {
    await openWorkbenchTab(page, 'lr-finder');
    await lrFinderParam(page, 'numIt', '5000');
    await lrFinderParam(page, 'endLr', '0.001');
    await page.getByTestId('lr-find-button').click();
    const finder = page.getByTestId('lr-finder');
    await expect(finder).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    const progress = page.getByTestId('lr-find-progress');
    await expect(progress).toContainText(/iteration [1-9]\d*\/5000/, { timeout: 30_000 });
    await expect(progress).toContainText(/left/);
    await expect(page.getByTestId('train-button')).toBeDisabled();
    await finder.screenshot({ path: test.info().outputPath('lr-finder-running.png') });
    await page.getByTestId('lr-find-cancel').click();
    await expect(finder).toHaveAttribute('data-state', 'cancelled', { timeout: 15_000 });
    const s = await getState(page);
    expect(s.activity).toBe('idle');
    expect(s.lrFind.result).toBeNull();
    expect(s.lrFind.points.length).toBeLessThan(5000);
    await expect(page.getByTestId('lr-suggestions')).toHaveCount(0);
    await expect(finder).toContainText(/cancelled/i);
    await expect(page.getByTestId('train-button')).toBeEnabled();
    await expect(page.getByTestId('lr-find-button')).toBeEnabled();
    await finder.screenshot({ path: test.info().outputPath('lr-finder-cancelled.png') });
  });
  expect(errors).toEqual([]);
});

test('a dismissed "stop training?" puts the model fields back to the model that trains', async ({ page }) => {
  const errors = collectPageErrors(page);
  await ready(page);
  await expect(page.getByTestId('train-button')).toBeEnabled({ timeout: 30_000 });
  expect(await page.evaluate(() => window.__playground!.start({ epochs: 200 }))).toBe(true);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'training', { timeout: 30_000 });
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByTestId('setting-model-layers').fill('3');
  await page.getByTestId('setting-model-units').fill('64');
  expect(asked.length).toBeGreaterThanOrEqual(2);
  const s = await getState(page);
  expect(s.setup.model).toMatchObject({ layers: 2, units: 32 });
  await expect(page.getByTestId('setting-model-layers')).toHaveValue('2');
  await expect(page.getByTestId('setting-model-units')).toHaveValue('32');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'training');
  await page.evaluate(() => window.__playground!.stop());
  await expect(page.getByTestId('status')).toHaveAttribute('data-detail', 'stopped', { timeout: 90_000 });
  expect(errors).toEqual([]);
});

/** The y tick labels of a chart, and whether each lies inside the chart's drawing. */
async function yTicks(page: Page, testId: string): Promise<{ text: string; inside: boolean }[]> {
  return page.getByTestId(testId).evaluate((fig) => {
    const svg = fig.querySelector('svg.recharts-surface')!.getBoundingClientRect();
    return Array.from(fig.querySelectorAll('text.recharts-cartesian-axis-tick-value[orientation="left"]')).map((t) => {
      const b = t.getBoundingClientRect();
      return { text: t.textContent ?? '', inside: b.left >= svg.left - 0.5 && b.right <= svg.right + 0.5 };
    });
  });
}

test('small learning rates: the lr axis reads them in full, and run names tell two runs apart', async ({ page }) => {
  const errors = collectPageErrors(page);
  await ready(page);
  await setSetting(page, 'lr', 0.003);
  await setSetting(page, 'epochs', 1);
  await trainToEnd(page);
  await expect(page.getByTestId('lr-chart')).not.toHaveAttribute('data-points', '0');
  const ticks = await yTicks(page, 'lr-chart');
  expect(ticks.length).toBeGreaterThan(1);
  for (const t of ticks) {
    expect(t.text).toMatch(/^(0|\d(\.\d+)?e-\d+|0\.\d+)$/);
    expect(t.inside, `tick ${t.text} is clipped`).toBe(true);
  }
  await page.getByTestId('lr-chart').screenshot({ path: test.info().outputPath('lr-chart.png') });

  await setSetting(page, 'lr', 0.0003);
  await trainToEnd(page);
  await openWorkbenchTab(page, 'runs');
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  const names = await rows.getByTestId('run-name').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  expect(names[0]).toContain('lr 3e-4');
  expect(names[1]).toContain('lr 3e-3');
  // the whole name is visible in its box
  for (const el of await rows.getByTestId('run-name').all()) {
    expect(await el.evaluate((e) => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1)).toBe(true);
  }
  // what sets the two apart is said beside each name
  await expect(rows.nth(0).getByTestId('run-differs')).toHaveText('lr 3e-4');
  await expect(rows.nth(1).getByTestId('run-differs')).toHaveText('lr 3e-3');
  await rows.nth(0).getByTestId('run-select').check();
  await rows.nth(1).getByTestId('run-select').check();
  await expect(page.getByTestId('run-compare')).toHaveAttribute('data-runs', '2');
  await expect(page.getByTestId('compare-legend').getByTestId('run-differs')).toHaveText(['lr 3e-4', 'lr 3e-3']);
  await expect(page.getByTestId('compare-lr').locator('.recharts-line path')).toHaveCount(2);
  for (const t of await yTicks(page, 'compare-lr')) expect(t.inside, `compare tick ${t.text} is clipped`).toBe(true);
  await page.getByTestId('runs-panel').screenshot({ path: test.info().outputPath('runs.png') });

  // reopening the first run puts its lr back in the field
  await rows.nth(1).getByTestId('run-open').click();
  await expect(page.getByTestId('setting-lr')).toHaveValue('0.003');
  expect(errors).toEqual([]);
});
