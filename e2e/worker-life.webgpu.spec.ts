// A worker that goes away (self.close(), as a crash without an error event) or hangs in a long
// synchronous task: the page says so at once (gone) or within seconds (busy), never sits on
// "training" forever, marks the saved run interrupted, and Restart gets a working worker back.
import { readFileSync } from 'node:fs';
import { expect, getState, openWorkbenchTab, setSetting, test, trainToEnd } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
});

test('a worker that closes itself mid-run: told at once, run interrupted, Restart trains again on the same file', async ({ page }) => {
  // iris without its species: numbers only, so any column can be the label
  const rows = readFileSync('public/data/iris.csv', 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(',').slice(0, 4).join(','));
  await page.getByTestId('file-input').setInputFiles({ name: 'petals.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(page.getByTestId('dataset-info')).toContainText('petals.csv');
  await page.getByTestId('csv-label-select').selectOption('sepal_length');
  await expect(page.getByTestId('csv-columns')).toHaveAttribute('data-label', 'sepal_length');
  await page.getByTestId('csv-task-select').selectOption('regression');
  await expect(page.getByTestId('csv-columns')).toHaveAttribute('data-task', 'regression');
  await setSetting(page, 'epochs', 30);
  await page.getByTestId('train-button').click();
  await expect.poll(async () => (await getState(page)).batches.length, { timeout: 60_000 }).toBeGreaterThan(0);
  const runId = (await getState(page)).runId;
  const closedAt = Date.now();
  await page.workers()[0].evaluate(() => setTimeout(() => self.close(), 0));
  await expect(page.getByTestId('error-banner')).toContainText('The training worker stopped responding', { timeout: 5_000 });
  expect(Date.now() - closedAt).toBeLessThan(5_000);
  await expect(page.getByTestId('status')).toHaveAttribute('data-detail', 'interrupted');
  await expect(page.getByTestId('status')).toHaveText(/Interrupted/);
  await expect(page.getByTestId('backend-badge')).toHaveText('Backend: worker crashed');
  await openWorkbenchTab(page, 'runs');
  const saved = (await getState(page)).saved.runs.find((r) => r.id.length > 0 && r.state !== 'finished');
  expect(saved?.state).toBe('interrupted');
  expect(runId).not.toBeNull();

  await page.getByTestId('restart-worker').click();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await expect(page.getByTestId('error-banner')).toBeHidden();
  // the new worker was given the user's file again, read as it was (label column and task)
  await expect(page.getByTestId('csv-columns')).toHaveAttribute('data-label', 'sepal_length');
  await expect(page.getByTestId('csv-columns')).toHaveAttribute('data-task', 'regression');
  await setSetting(page, 'epochs', 1);
  await trainToEnd(page);
  const s = await getState(page);
  expect(s.runDetail).toBe('finished');
  expect(s.workerState).toBe('ready');
  expect(s.dataset?.name).toContain('petals.csv');
  expect(s.dataset?.task).toBe('regression');
});

test('a worker busy in a long synchronous task: the page says so within seconds, and it clears when the worker talks again', async ({
  page,
}) => {
  await setSetting(page, 'epochs', 30);
  await page.getByTestId('train-button').click();
  await expect.poll(async () => (await getState(page)).batches.length, { timeout: 60_000 }).toBeGreaterThan(0);
  const worker = page.workers()[0];
  // not awaited: the worker is blocked for 7 s
  void worker.evaluate(() => {
    const until = Date.now() + 7000;
    while (Date.now() < until) {
      /* busy */
    }
  });
  await expect(page.getByTestId('worker-silent')).toContainText('No word from the worker for', { timeout: 7_000 });
  await expect(page.getByTestId('worker-silent')).toBeHidden({ timeout: 15_000 });
  expect((await getState(page)).workerState).toBe('ready');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
});
