import { readFileSync } from 'node:fs';
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
    await expect(tabs.getByRole('tab')).toHaveText(['Callbacks', 'Write a callback', 'LR finder', 'Debugger', 'Runs']);
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
    await page.evaluate(() => window.__playground!.start({ epochs: 1 }));
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
    expect(end.epochs).toHaveLength(1);
    expect(end.debug.paused).toBe(false);
    expect(end.error).toBeNull();
    expect(errors).toEqual([]);
  });

  test("the loop's code: the line and the withEvents stack at a stop, step over / out, values, lr edited while paused", async ({
    page,
  }) => {
    const source = readFileSync('src/learner/learner.ts', 'utf8').split('\n');
    const lineOf = (text: string) => source.findIndex((l) => l.includes(text)) + 1;
    await page.goto('/');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
    await openWorkbenchTab(page, 'debugger');
    const dbg = page.getByTestId('debugger');
    await dbg.getByTestId('bp-event').selectOption('after_loss');
    await dbg.getByTestId('bp-add').click();
    await page.evaluate(() => window.__playground!.start({ epochs: 2 }));
    await expectPausedAt(page, 'after_loss');

    // the source line that runs the event, and the stack as fastai's walk-through has it
    const view = dbg.getByTestId('loop-source');
    await expect(view).toHaveAttribute('data-event', 'after_loss', { timeout: 20_000 });
    await expect(view).toHaveAttribute('data-line', String(lineOf("this.call('after_loss')")));
    await expect(view.locator('.cm-content')).toContainText("await this.call('after_loss')");
    const frames = dbg.getByTestId('stack-frame');
    expect(await frames.evaluateAll((els) => els.map((e) => e.getAttribute('data-fn')))).toEqual([
      'fit',
      'withEvents',
      'doFit',
      'withEvents',
      'doEpoch',
      'doEpochTrain',
      'withEvents',
      'allBatches',
      'oneBatch',
      'withEvents',
      'doOneBatch',
    ]);
    await expect(frames.filter({ hasText: '_do_one_batch' })).toHaveCount(1);
    // a frame shows its own line: doFit's is the epoch stage's call
    await frames.filter({ hasText: 'doFit' }).click();
    await expect(view).toHaveAttribute('data-line', String(lineOf("'epoch', CancelEpochException")));
    await dbg.screenshot({ path: test.info().outputPath('debugger-source.png') });
    if (process.env.UPDATE_SCREENSHOT === '1') await dbg.screenshot({ path: 'docs/debugger-source.png' });

    // values, not only shapes: pred's stats, a gradient's histogram
    const values = dbg.getByTestId('debugger-values');
    await values.getByTestId('dv-item-pred').click();
    await expect(values.getByTestId('dv-stats')).toContainText('min');
    const pause = (await getState(page)).debug.pause!;
    const pred = pause.snapshot.values.find((v) => v.name === 'pred')!;
    expect(pred.shape).toEqual([128, 3]);
    expect(pred.stats.nan + pred.stats.inf).toBe(0);
    expect(pred.stats.hist.counts.reduce((a, b) => a + b, 0)).toBe(pred.stats.size);

    // the lr edited while paused is used from this batch's step on, and logged
    const lr = (await getState(page)).setup.lr;
    await dbg.getByTestId('dbg-hyper-lr').fill('0.01');
    await dbg.getByTestId('dbg-hypers-set').click();

    // step over after_loss → before_backward; F10 over before_backward → before_step (the whole backward stage)
    const timing = await page.evaluate(async () => {
      const api = window.__playground!;
      const stops = api.getState().debug.stops;
      const t0 = performance.now();
      (document.querySelector('[data-testid="dbg-step-over"]') as HTMLButtonElement).click();
      while (api.getState().debug.stops === stops) await new Promise((r) => setTimeout(r, 2));
      return performance.now() - t0;
    });
    console.log(`[debugger] one step shown (click → the next stop in the store, webgpu/SwiftShader): ${timing.toFixed(0)} ms`);
    test.info().annotations.push({ type: 'step-ms', description: `${timing.toFixed(0)} ms` });
    await expectPausedAt(page, 'before_backward');
    await page.keyboard.press('F10');
    await expectPausedAt(page, 'before_step');
    // a gradient, from this batch, with its histogram
    await values.locator('[data-testid^="dv-item-"]').filter({ hasText: 'weight' }).first().click();
    await values.getByTestId('dv-kind-grad').click();
    await expect(values.getByTestId('dv-hist').locator('rect').first()).toBeAttached();
    expect((await getState(page)).debug.pause!.snapshot.values.filter((v) => v.kind === 'grad').every((v) => v.staleFrom === null)).toBe(
      true,
    );
    // out of the step stage lands on after_step; out of the batch on after_batch
    await dbg.getByTestId('dbg-step-out').click();
    await expectPausedAt(page, 'after_step');
    await page.keyboard.press('Shift+F11');
    await expectPausedAt(page, 'after_batch');
    const at = (await getState(page)).debug.pause!.snapshot.trainIter;

    // run to here: the epoch stage's line runs to after_epoch
    await dbg.getByTestId('bp-toggle').uncheck();
    // (the view draws the lines near the one it shows: doFit's frame brings the epoch stage's line)
    await frames.filter({ hasText: 'doFit' }).click();
    await view.locator('.cm-line').filter({ hasText: "'epoch', CancelEpochException" }).click();
    await dbg.locator('[data-testid="dbg-run-to"][data-event="after_epoch"]').click();
    await expectPausedAt(page, 'after_epoch');
    await page.keyboard.press('F8');
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const end = await getState(page);
    expect(end.runDetail).toBe('finished');
    // the paused batch (trainIter at-1) stepped with 0.01, and every batch after it
    expect(end.batches.filter((b) => b.trainIter < at - 1).every((b) => b.lr === lr)).toBe(true);
    expect(end.batches.filter((b) => b.trainIter >= at - 1).every((b) => b.lr === 0.01)).toBe(true);
    expect(end.callbacks.timeline.map((e) => e.text)).toContain(`lr ${lr} → 0.01 at epoch 1, iter 1, while paused`);
  });
});
