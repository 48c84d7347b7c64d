// The callbacks panel on WebGPU (SwiftShader): a callback switched on during a run takes effect
// between batches without stopping the run; the LR finder draws its curve and sets the lr.
import { expect, test, collectPageErrors, getState, openWorkbenchTab, takeRenderCounts, trackRenders } from './helpers';

test.describe('callbacks panel (WebGPU)', () => {
  test('ParamScheduler switched on mid-run: timeline entry, and the recorded lr follows the schedule', async ({ page }) => {
    const errors = collectPageErrors(page);
    await trackRenders(page, ['LossChart', 'Debugger', 'DebuggerControls', 'CallbacksLrFinder']);
    await page.goto('/');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
    await expect(page.getByTestId('cb-ParamScheduler')).toBeVisible();
    await takeRenderCounts(page);
    await page.evaluate(() => window.__playground!.start({ epochs: 40 }));
    await expect.poll(async () => (await getState(page)).batches.length, { timeout: 20_000 }).toBeGreaterThan(3);
    const lr = (await getState(page)).setup.lr;
    // the tabs not shown (LR finder, Debugger) do not re-render on the run's messages; the charts do
    const renders = await takeRenderCounts(page);
    expect(renders.LossChart).toBeGreaterThan(0);
    expect(renders).toMatchObject({ Debugger: 0, DebuggerControls: 0, CallbacksLrFinder: 0 });

    await page.getByTestId('cb-ParamScheduler').locator('.switch').click();
    const entry = page.getByTestId('cb-timeline-entry').filter({ hasText: /^ParamScheduler on at epoch \d+, iter \d+/ });
    await expect(entry).toHaveCount(1, { timeout: 10_000 });
    const from = Number(await entry.getAttribute('data-train-iter'));
    // the scheduler shows in the live training loop
    await expect(page.getByTestId('training-loop').locator('[data-event="before_batch"][data-phase="train"]')).toContainText(
      'ParamScheduler',
    );
    await page.getByTestId('callbacks-panel').screenshot({ path: test.info().outputPath('callbacks-mid-run.png') });

    // batches that ran after the change carry the scheduled lr (one-cycle: lrMax/div rising), those before the constant one
    await expect
      .poll(async () => (await getState(page)).batches.filter((b) => b.trainIter > from).length, { timeout: 20_000 })
      .toBeGreaterThan(3);
    const s = await getState(page);
    expect(s.runState).toBe('training'); // the run went on
    const before = s.batches.filter((b) => b.trainIter < from);
    const after = s.batches.filter((b) => b.trainIter > from);
    expect(before.every((b) => b.lr === lr)).toBe(true);
    expect(after.every((b) => b.lr !== lr)).toBe(true);
    expect(new Set(after.map((b) => b.lr)).size).toBeGreaterThan(1);
    expect(Math.max(...after.map((b) => b.lr))).toBeLessThanOrEqual(lr + 1e-9); // lrMax unset: the Training panel's lr

    await page.evaluate(() => window.__playground!.stop());
    await expect(page.getByTestId('status')).toHaveAttribute('data-detail', 'stopped', { timeout: 15_000 });
    expect((await getState(page)).leakedTensors).toBe(0);
    // a bad parameter is refused at the input, with the reason
    const maxNorm = page.getByTestId('cb-GradientClip').getByRole('button', { name: 'parameters' });
    await maxNorm.click();
    await page.getByTestId('cbp-GradientClip-maxNorm').fill('-2');
    await expect(page.getByTestId('cbp-GradientClip-maxNorm-error')).toHaveText('must be in [0.0001, 10000]');
    await page.getByTestId('cb-ParamScheduler').locator('.switch').click(); // off again for the next test's screenshot
    expect(errors).toEqual([]);
  });

  test('LR finder: plot with suggestions, and the suggested lr goes into the setup', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
    await openWorkbenchTab(page, 'lr-finder');
    const finder = page.getByTestId('lr-finder');
    await page.getByTestId('cbp-LRFinder-numIt').fill('40');
    await page.getByTestId('cbp-LRFinder-numIt').press('Enter');
    await page.getByTestId('lr-find-button').click();
    await expect(finder).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    const s = await getState(page);
    const result = s.lrFind.result!;
    expect(result.leakedTensors).toBe(0);
    expect(result.points.length).toBeGreaterThan(10);
    expect(result.points.length).toBeLessThanOrEqual(40);
    await expect(finder.locator('.recharts-line path').first()).toBeVisible();
    await expect(finder.locator('.recharts-reference-dot')).toHaveCount(Object.values(result.suggestions).filter(Boolean).length);
    expect(Object.keys(result.suggestions)).toEqual(['valley', 'slide', 'minimum', 'steep']);
    if (result.suggestions.slide) await expect(page.getByTestId('use-lr-slide')).toBeVisible();
    const valley = result.suggestions.valley!;
    await page.getByTestId('use-lr-valley').click();
    await expect.poll(async () => (await getState(page)).setup.lr).toBe(Number(valley.lr.toPrecision(3)));
    await finder.screenshot({ path: test.info().outputPath('lr-finder.png') });
    expect(errors).toEqual([]);
  });
});
