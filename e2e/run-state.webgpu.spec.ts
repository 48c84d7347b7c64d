// The worker is the only source of run state (WebGPU on SwiftShader): Train is off while the LR
// finder runs and says why; a burst of Train/Stop in one task makes one run, which stops, and the
// Runs tab keeps exactly that one run, never a phantom "running" or "interrupted" one.
import { expect, test, collectPageErrors, getState, openWorkbenchTab } from './helpers';

test('Train is refused while the LR finder runs, then trains once the finder is done', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await openWorkbenchTab(page, 'lr-finder');
  await page.getByTestId('cbp-LRFinder-numIt').fill('30');
  await page.getByTestId('cbp-LRFinder-numIt').press('Enter');
  await page.getByTestId('lr-find-button').click();
  await expect(page.getByTestId('lr-finder')).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => (await getState(page)).activity).toBe('lr-find');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByTestId('train-blocked')).toHaveText('The LR finder is running: train when it is done');
  // the page will not even ask (the test API goes through the same guard as the button)
  expect(await page.evaluate(() => window.__playground!.start())).toBe(false);
  expect((await getState(page)).runState).toBe('idle');

  await expect(page.getByTestId('lr-finder')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await expect(page.getByTestId('train-blocked')).toHaveCount(0);
  expect(await page.evaluate(() => window.__playground!.start({ epochs: 1 }))).toBe(true);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const s = await getState(page);
  expect(s.runDetail).toBe('finished');
  expect(s.error).toBeNull();
  await openWorkbenchTab(page, 'runs');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row').first().getByTestId('run-state')).toHaveText('finished');
  expect(errors).toEqual([]);
});

test('20 Train/Stop pairs in one task: one run, stopped; no phantom runs; Train works again', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await expect(page.getByTestId('train-button')).toBeEnabled({ timeout: 30_000 });
  const asked = await page.evaluate(() => {
    const api = window.__playground!;
    let started = 0;
    for (let i = 0; i < 20; i++) {
      if (api.start({ epochs: 200 })) started++;
      api.stop();
    }
    return started;
  });
  expect(asked).toBe(1); // one start at a time: the others were never sent
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const s = await getState(page);
  expect(s.runDetail).toBe('stopped'); // the stop that came before the Learner existed was kept
  expect(s.epochs.length).toBeLessThan(200);
  expect(s.activity).toBe('idle');
  expect(s.pendingStart).toBeNull();
  await openWorkbenchTab(page, 'runs');
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('run-state')).toHaveText('stopped');

  // and the page is not stuck: a normal run trains to its end
  await expect(page.getByTestId('train-button')).toBeEnabled();
  expect(await page.evaluate(() => window.__playground!.start({ epochs: 1 }))).toBe(true);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect((await getState(page)).runDetail).toBe('finished');
  await expect(rows).toHaveCount(2);
  expect(errors).toEqual([]);
});
