import { readFileSync } from 'node:fs';
import { expect, test, type Page, collectPageErrors, expectFinishedRun, getState, setSetting, trainToEnd } from './helpers';

/** Writes docs/screenshot.png only when asked (UPDATE_SCREENSHOT=1), so test runs leave tracked files alone. */
async function screenshot(page: Page, name: string, readme = false): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  if (readme && process.env.UPDATE_SCREENSHOT === '1') await page.screenshot({ path: 'docs/screenshot.png' });
}

async function openOnWebGpu(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Learner Playground' })).toBeVisible();
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await expect(badge).toHaveText(/^Backend: webgpu · google swiftshader/);
  await expect(page.getByTestId('dataset-info')).toContainText('Spiral');
}

test.describe('with WebGPU (SwiftShader)', () => {
  // One page for both: the long run the Stop cancels starts where the default run's shaders are compiled.
  test('the default spiral run reaches 90% valid accuracy and draws the decision boundary; Stop cancels a long run within one batch and a second', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const errors = collectPageErrors(page);
    await test.step('the default spiral run', async () => {
      await openOnWebGpu(page);
      await expect(page.getByTestId('model-summary')).toContainText('Linear');
      const epochs = (await getState(page)).setup.epochs;
      await trainToEnd(page);
      const state = await expectFinishedRun(page, epochs);
      expect(state.backend?.name).toBe('webgpu');
      expect(state.epochs.at(-1)?.metrics.accuracy).toBeGreaterThanOrEqual(0.9);
      await expect(page.getByTestId('boundary')).toHaveAttribute('data-has-grid', 'true');
      await expect(page.getByTestId('lr-chart')).not.toHaveAttribute('data-points', '0');
      // the Train-loss card is fastai's smoothed train_loss, and says so
      await expect(page.getByTestId('train-loss-label')).toHaveText('Train loss (smoothed)');
      await expect(page.getByTestId('status')).toHaveText(`Done: ${epochs} epochs`);
      await screenshot(page, 'spiral', true);
    });
    await test.step('Stop cancels a long run within one batch and a second', async () => {
      await setSetting(page, 'epochs', 500);
      await page.getByTestId('train-button').click();
      // a steady pace: the page trained the same setup before (its shaders are compiled), and this
      // run is past its first two epochs (each kernel of a batch, the validation and the map ran)
      await expect.poll(async () => (await getState(page)).batches.length, { timeout: 60_000 }).toBeGreaterThan(8);
      // "one batch": the longest wait between two batches read back, the epoch's validation and
      // decision-boundary map included (the loop acts on a stop between batches)
      const { longestBatchMs, msPerBatch, stopMs } = await page.evaluate(async () => {
        const api = window.__playground!;
        const count = () => api.getState().batches.length;
        const b0 = count();
        const t0 = performance.now();
        let last = t0;
        let seen = b0;
        let longest = 0;
        while (count() < b0 + 8 && performance.now() - t0 < 20_000) {
          await new Promise((r) => setTimeout(r, 10));
          if (count() !== seen) {
            longest = Math.max(longest, performance.now() - last);
            last = performance.now();
            seen = count();
          }
        }
        const pace = (performance.now() - t0) / Math.max(1, count() - b0);
        (document.querySelector('[data-testid=stop-button]') as HTMLButtonElement).click();
        const clicked = performance.now();
        while (api.getState().runState !== 'done') await new Promise((r) => setTimeout(r, 10));
        return { longestBatchMs: longest, msPerBatch: pace, stopMs: performance.now() - clicked };
      });
      console.log(
        `Stop took ${Math.round(stopMs)} ms; batches ${Math.round(msPerBatch)} ms apart on average, ${Math.round(longestBatchMs)} ms at most (SwiftShader)`,
      );
      expect(stopMs).toBeLessThanOrEqual(longestBatchMs + 1000);
      await expect(page.getByTestId('status')).toHaveAttribute('data-detail', 'stopped');
      const state = await getState(page);
      expect(state.runState).toBe('done');
      expect(state.epochs.length).toBeLessThan(500);
      expect(state.leakedTensors).toBe(0);
      await expect(page.getByTestId('train-button')).toBeEnabled();
    });
    expect(errors).toEqual([]);
  });

  test('MNIST trains one epoch; the validation batch and the confusion matrix appear', async ({ page }) => {
    const errors = collectPageErrors(page);
    await openOnWebGpu(page);
    await page.getByTestId('dataset-select').selectOption('mnist');
    // 1,000 of the 10,000 images (800 train / 200 valid): one epoch in seconds on SwiftShader.
    await setSetting(page, 'data-limit', 1000);
    await expect(page.getByTestId('dataset-info')).toContainText('MNIST (1,000 images): 800 train / 200 valid', { timeout: 30_000 });
    await setSetting(page, 'epochs', 1);
    await trainToEnd(page);
    await expectFinishedRun(page, 1);
    await expect(page.getByTestId('image-grid')).toBeVisible();
    await expect(page.getByTestId('image-grid').locator('.image-cell')).toHaveCount(32);
    await expect(page.getByTestId('confusion')).toBeVisible();
    const state = await getState(page);
    expect(state.confusion?.counts.reduce((a, b) => a + b, 0)).toBe(200);
    await screenshot(page, 'mnist');
    expect(errors).toEqual([]);
  });

  // One page for the CSV files: a bad one after a good one, then iris.csv and a numeric table.
  test("a bad CSV shows the parser's message and the previous dataset stays; iris.csv: its columns are listed, the label column and the task are picked, a refused label keeps the data", async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    await openOnWebGpu(page);
    await test.step("a bad CSV shows the parser's message and the previous dataset stays", async () => {
      const input = page.getByTestId('file-input');
      await input.setInputFiles({
        name: 'good.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n2,2,x\n'),
      });
      await expect(page.getByTestId('dataset-info')).toContainText('good.csv');
      await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,label\n1,2,x\n3,oops,y\n') });
      await expect(page.getByTestId('data-error')).toContainText("bad.csv: row 3, column 'b': 'oops' is not a number");
      await expect(page.getByTestId('dataset-info')).toContainText('good.csv');
      expect((await getState(page)).setup.dataset.kind).toBe('user');
    });
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'iris.csv', mimeType: 'text/csv', buffer: readFileSync('public/data/iris.csv') });
    const info = page.getByTestId('dataset-info');
    await expect(info).toContainText('iris.csv: 120 train / 30 valid · 4 features · 3 classes');
    const picker = page.getByTestId('csv-columns');
    await expect(picker).toHaveAttribute('data-label', 'species');
    const labels = page.getByTestId('csv-label-select');
    await expect(labels.locator('option')).toHaveText([
      /^sepal_length \(numbers/,
      /^sepal_width \(numbers/,
      /^petal_length \(numbers/,
      /^petal_width \(numbers/,
      'species (text, 3 values)',
    ]);
    await expect(page.getByTestId('csv-task-select')).toHaveValue('auto');

    // petal_width as a regression target: species (text) would be a feature — refused, the data stays
    await labels.selectOption('petal_width');
    await expect(page.getByTestId('data-error')).toContainText("iris.csv: row 2, column 'species': 'setosa' is not a number");
    await expect(info).toContainText('3 classes');
    await expect(labels).toHaveValue('species');

    // species as a regression target: refused too
    await page.getByTestId('csv-task-select').selectOption('regression');
    await expect(page.getByTestId('data-error')).toContainText("row 2, column 'species': 'setosa' is not a number");
    await expect(page.getByTestId('csv-task-select')).toHaveValue('auto');

    // a numeric table: pick its label and task (the model's output follows)
    const rows = Array.from({ length: 40 }, (_, i) => `5,${i % 7},${(i * 3) % 11},${i % 4}`);
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'nums.csv', mimeType: 'text/csv', buffer: Buffer.from(['k,a,b,c', ...rows].join('\n')) });
    await expect(info).toContainText('nums.csv: 32 train / 8 valid · 3 features · 4 classes');
    await expect(picker).toHaveAttribute('data-label', 'c');
    await expect(page.getByTestId('data-error')).toHaveCount(0);
    const lastLayer = page.getByTestId('model-summary').locator('tbody tr').last();
    await expect(lastLayer).toContainText('[bs, 4]');
    await page.getByTestId('csv-task-select').selectOption('regression');
    await expect(info).toContainText('3 features · regression');
    await expect(lastLayer).toContainText('[bs, 1]');
    await page.getByTestId('csv-label-select').selectOption('a');
    await page.getByTestId('csv-task-select').selectOption('auto');
    await expect(info).toContainText('3 features · 7 classes');
    await expect(picker).toHaveAttribute('data-label', 'a');
    await expect(lastLayer).toContainText('[bs, 7]');
    // a label column with one class
    await page.getByTestId('csv-label-select').selectOption('k');
    await expect(page.getByTestId('data-error')).toContainText(
      "nums.csv: the label column 'k' has only one class ('5'); classification needs at least two",
    );
    await expect(info).toContainText('7 classes');
    await expect(picker).toHaveAttribute('data-label', 'a');
    // and it trains
    await setSetting(page, 'epochs', 2);
    await trainToEnd(page);
    expect((await getState(page)).runDetail).toBe('finished');
    expect(errors).toEqual([]);
  });

  test('refuses invalid values at the input, with the reason', async ({ page }) => {
    await openOnWebGpu(page);
    await setSetting(page, 'batchSize', 0);
    await expect(page.getByTestId('error-batchSize')).toHaveText('Batch size must be at least 1');
    await expect(page.getByTestId('train-button')).toBeDisabled();
    await setSetting(page, 'lr', Number.NaN);
    await expect(page.getByTestId('error-lr')).toHaveText('Learning rate must be a number');
    expect((await getState(page)).setup.batchSize).toBe(128);
    await setSetting(page, 'batchSize', 32);
    await setSetting(page, 'lr', 0.01);
    await expect(page.getByTestId('train-button')).toBeEnabled();
  });

  test('the backend picker switches to CPU and training still works', async ({ page }) => {
    const errors = collectPageErrors(page);
    await openOnWebGpu(page);
    await page.getByTestId('backend-select').selectOption('cpu');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu');
    await expect(page.getByTestId('backend-badge')).toHaveText('Backend: cpu (picked)');
    await setSetting(page, 'epochs', 3);
    await trainToEnd(page);
    const state = await expectFinishedRun(page, 3);
    expect(state.backend?.name).toBe('cpu');
    expect(errors).toEqual([]);
  });
});
