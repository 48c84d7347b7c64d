// Two tabs of one browser share the saved runs: a run trained in one shows up in the other's Runs
// tab as it trains and when it ends, without a reload; a rename or a delete in either shows in both.
// The Runs tab also says how much of the browser's storage is used.
import { expect, test, getState, openWorkbenchTab, setSetting, trainToEnd, type Page } from './helpers';

async function ready(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await openWorkbenchTab(page, 'runs');
  await expect.poll(async () => (await getState(page)).saved.available).toBe(true);
}

// One pair of tabs for both walks: the second starts where the first left them (no saved run).
test('the Runs tab of two tabs stays in step (train in A, rename in B, delete in A); a run training in another tab reads running there, not interrupted', async ({
  page: a,
  context,
}) => {
  test.setTimeout(180_000);
  await ready(a);
  const b = await context.newPage();
  await ready(b);
  await test.step('the Runs tab of two tabs stays in step: train in A, rename in B, delete in A', async () => {
    const rowsA = a.getByTestId('run-row');
    const rowsB = b.getByTestId('run-row');
    await expect(rowsB).toHaveCount(0);

    await setSetting(a, 'epochs', 1);
    await trainToEnd(a);
    await expect(rowsA).toHaveCount(1);
    await expect(rowsB).toHaveCount(1);
    await expect(rowsB.first().getByTestId('run-state')).toHaveText('finished');
    await expect(rowsB.first()).toHaveAttribute('data-epochs', '1');
    await expect(rowsB.first().getByTestId('run-load-weights')).toBeEnabled();
    await expect(b.getByTestId('runs-storage')).toHaveText(/^Runs use [\d.]+ [kMGT]?B of ~[\d.]+ [kMGT]?B this browser allows$/);

    await rowsB.first().getByTestId('run-name').fill('named in B');
    await rowsB.first().getByTestId('run-name').press('Enter');
    await expect(rowsA.first().getByTestId('run-name')).toHaveValue('named in B');

    await rowsA.first().getByTestId('run-delete').click();
    await expect(rowsA).toHaveCount(0);
    await expect(rowsB).toHaveCount(0);
    await a.bringToFront(); // a tab in the background draws no frames: its screenshot would wait
    await a.getByTestId('runs-panel').screenshot({ path: test.info().outputPath('runs-a.png') });
  });

  await test.step('a run training in another tab reads running there, not interrupted', async () => {
    // the first walk deleted its run: the one row is this run's
    await expect(b.getByTestId('run-row')).toHaveCount(0);
    await setSetting(a, 'epochs', 3);
    await a.getByTestId('train-button').click();
    const rowB = b.getByTestId('run-row').first();
    await expect(rowB.getByTestId('run-state')).toHaveText('running', { timeout: 30_000 });
    await expect(rowB).toHaveAttribute('data-epochs', '1', { timeout: 60_000 });
    await expect(rowB.getByTestId('run-state')).toHaveText('running');
    await expect(a.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(rowB.getByTestId('run-state')).toHaveText('finished');
    await b.bringToFront();
    await b.getByTestId('runs-panel').screenshot({ path: test.info().outputPath('runs-b.png') });
  });
});
