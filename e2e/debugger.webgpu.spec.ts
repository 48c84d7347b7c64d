import { expect, test, type Page, collectPageErrors, getState, openWorkbenchTab } from './helpers';

/** The event the loop is paused at (waits for the stop). */
async function expectPausedAt(page: Page, event: string): Promise<void> {
  await expect(page.getByTestId('dbg-where')).toHaveAttribute('data-event', event, { timeout: 20_000 });
  await expect(page.getByTestId('dbg-tl-event').last()).toHaveAttribute('data-event', event);
}

async function timelineEvents(page: Page): Promise<string[]> {
  return page.getByTestId('dbg-tl-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-event') ?? ''));
}

test.describe('debugger, with WebGPU (SwiftShader)', () => {
  test('breakpoint at after_loss, step to after_batch, inject CancelBatch at before_step, continue to the end', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });

    // The workbench's tabs: arrow keys move between them
    const tabs = page.getByRole('tablist', { name: 'Workbench' });
    await expect(tabs.getByRole('tab')).toHaveText(['Callbacks', 'LR finder', 'Debugger', 'Runs']);
    await expect(page.getByTestId('wb-tab-callbacks')).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('wb-tab-callbacks').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('tab', { name: 'Runs' })).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('tab', { name: 'Debugger' })).toBeFocused();
    await expect(page.getByRole('tabpanel', { name: 'Debugger' })).toBeVisible();
    await expect(page.getByTestId('callbacks-panel')).toBeHidden();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('callbacks-panel')).toBeVisible();
    await openWorkbenchTab(page, 'debugger');

    const dbg = page.getByTestId('debugger');
    await dbg.getByTestId('bp-event').selectOption('after_loss');
    await dbg.getByTestId('bp-add').click();
    await expect(dbg.getByTestId('bp-item')).toHaveText(/after_loss/);

    // Away from the Debugger tab, a stop brings it back, with its badge
    await openWorkbenchTab(page, 'callbacks');
    await expect(page.getByTestId('wb-paused-badge')).toHaveCount(0);
    await page.evaluate(() => window.__playground!.start({ epochs: 2 }));
    await expectPausedAt(page, 'after_loss');
    await expect(page.getByTestId('wb-tab-debugger')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('wb-paused-badge')).toHaveText('paused');
    await expect(dbg.getByTestId('dbg-reason')).toHaveText('breakpoint: after_loss');

    // Step event by event: fastai's order, the timeline growing with the callbacks that ran.
    const t0 = Date.now();
    for (const event of ['before_backward', 'after_backward', 'before_step']) {
      await dbg.getByTestId('dbg-step').click();
      await expectPausedAt(page, event);
    }
    const stepMs = (Date.now() - t0) / 3;
    console.log(`step to the next event shown (webgpu/SwiftShader, incl. Playwright round trips): ${stepMs.toFixed(0)} ms`);
    expect(await timelineEvents(page)).toEqual([
      'before_fit',
      'before_epoch',
      'before_train',
      'before_batch',
      'after_pred',
      'after_loss',
      'before_backward',
      'after_backward',
      'before_step',
    ]);
    const fit = dbg.locator('[data-testid="dbg-tl-event"][data-event="before_fit"] [data-testid="dbg-tl-callback"]');
    await expect(fit.first()).toContainText('TrainEvalCallback');
    await expect(fit.filter({ hasText: 'Recorder' })).toHaveCount(1);
    const state = await getState(page);
    expect(state.debug.pause?.snapshot.gradNorms?.length).toBeGreaterThan(0);
    await expect(dbg.getByTestId('dbg-batch')).toHaveAttribute('data-kind', /points|images/);
    await dbg.screenshot({ path: test.info().outputPath('debugger.png') });
    await page.screenshot({ path: test.info().outputPath('debugger-page.png'), fullPage: true });
    if (process.env.UPDATE_SCREENSHOT === '1') await dbg.screenshot({ path: 'docs/debugger.png' });

    // Only the cancels caught at before_step are offered; raise CancelBatch.
    const offered = await dbg.getByTestId('dbg-cancel').locator('option').allTextContents();
    expect(offered).toEqual(['CancelStep', 'CancelBatch', 'CancelTrain', 'CancelEpoch', 'CancelFit']);
    await dbg.getByTestId('dbg-cancel').selectOption('CancelBatchException');
    await dbg.getByTestId('dbg-inject').click();
    await expectPausedAt(page, 'after_cancel_batch');
    await expect(dbg.locator('[data-event="before_step"]')).toContainText('raised CancelBatchException');
    await dbg.getByTestId('dbg-step').click();
    await expectPausedAt(page, 'after_batch');

    // Disable the breakpoint, continue: the run finishes normally.
    await dbg.getByTestId('bp-toggle').uncheck();
    await dbg.getByTestId('dbg-continue').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
    await expect(page.getByTestId('wb-paused-badge')).toHaveCount(0);
    const end = await getState(page);
    expect(end.runDetail).toBe('finished');
    expect(end.leakedTensors).toBe(0);
    expect(end.epochs).toHaveLength(2);
    expect(end.debug.paused).toBe(false);
    expect(end.error).toBeNull();
    expect(errors).toEqual([]);
  });
});
