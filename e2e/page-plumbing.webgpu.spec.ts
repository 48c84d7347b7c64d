// The callbacks the page installs in every run (StreamCallback, PicturesCallback, LoopControl): listed
// in the Callbacks panel as page plumbing, hidden from fastai's views until "show page plumbing".
import { expect, test, collectPageErrors, openWorkbenchTab, type Page } from './helpers';

const PLUMBING = ['StreamCallback', 'PicturesCallback', 'LoopControl'];

async function namesIn(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent ?? ''));
}

test('page plumbing: listed with its reason, hidden by default in show_training_loop, the debugger timeline and profile', async ({
  page,
}) => {
  test.setTimeout(180_000); // a run on SwiftShader
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });

  // in the Callbacks list: marked, always on, not switchable
  for (const name of PLUMBING) {
    const row = page.getByTestId(`cb-${name}`);
    await expect(row).toBeVisible();
    await expect(row.locator('.cb-tag')).toHaveText('page plumbing');
    await expect(page.getByTestId(`cb-switch-${name}`)).toBeDisabled();
    await expect(page.getByTestId(`cb-switch-${name}`)).toBeChecked();
    await expect(row.locator('.cb-desc')).not.toBeEmpty();
  }

  // show_training_loop: hidden until the switch
  const loop = page.getByTestId('training-loop');
  await expect(loop.locator('.loop-cb', { hasText: 'Recorder' }).first()).toBeVisible();
  for (const name of PLUMBING) await expect(loop.locator('.loop-cb', { hasText: name })).toHaveCount(0);
  await loop.getByTestId('show-plumbing').check();
  for (const name of PLUMBING) await expect(loop.locator('.loop-cb', { hasText: name }).first()).toBeVisible();
  await page.getByTestId('callbacks-panel').screenshot({ path: test.info().outputPath('callbacks-plumbing-shown.png') });
  await loop.getByTestId('show-plumbing').uncheck();
  await page.getByTestId('callbacks-panel').screenshot({ path: test.info().outputPath('callbacks-list.png') });

  // the debugger: stop at the first after_batch (before_fit is still on the timeline)
  await openWorkbenchTab(page, 'debugger');
  const dbg = page.getByTestId('debugger');
  await dbg.getByTestId('bp-event').selectOption('after_batch');
  await dbg.getByTestId('bp-add').click();
  await page.evaluate(() => window.__playground!.start({ epochs: 1 }));
  await expect(page.getByTestId('dbg-where')).toHaveAttribute('data-event', 'after_batch', { timeout: 90_000 });
  const timeline = '[data-testid="dbg-tl-callback"] .dbg-cb-name';
  const profile = '[data-testid="dbg-profile"] tbody td:first-child';
  expect(await namesIn(page, timeline)).toContain('TrainEvalCallback');
  expect(await namesIn(page, profile)).toContain('Recorder');
  for (const name of PLUMBING) {
    expect(await namesIn(page, timeline)).not.toContain(name);
    expect(await namesIn(page, profile)).not.toContain(name);
  }
  // the one switch, also in the debugger: the same setting as in the Callbacks panel
  await dbg.getByTestId('show-plumbing').check();
  const fit = '[data-testid="dbg-tl-event"][data-event="before_fit"] [data-testid="dbg-tl-callback"] .dbg-cb-name';
  expect(await namesIn(page, fit)).toContain('StreamCallback');
  expect(await namesIn(page, profile)).toContain('StreamCallback');
  // PicturesCallback and LoopControl run at after_batch only: at the next stop, they have run once
  await dbg.getByTestId('dbg-continue').click();
  await expect.poll(() => namesIn(page, profile), { timeout: 60_000 }).toEqual(expect.arrayContaining(['PicturesCallback', 'LoopControl']));
  await expect(page.getByTestId('dbg-where')).toHaveAttribute('data-event', 'after_batch');
  await dbg.screenshot({ path: test.info().outputPath('debugger-plumbing-shown.png') });
  await openWorkbenchTab(page, 'callbacks');
  await expect(loop.getByTestId('show-plumbing')).toBeChecked();
  await loop.getByTestId('show-plumbing').uncheck();
  await openWorkbenchTab(page, 'debugger');
  await expect(dbg.getByTestId('show-plumbing')).not.toBeChecked();
  await dbg.screenshot({ path: test.info().outputPath('debugger.png') });

  await dbg.getByTestId('bp-toggle').uncheck();
  await dbg.getByTestId('dbg-continue').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  expect(errors).toEqual([]);
});
