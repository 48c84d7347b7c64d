// Share and export on WebGPU (SwiftShader): the URL carries the setup into a new page;
// a hostile link opens with defaults and says what it ignored; a trained model is exported as
// TF.js files and loaded back, and the next run starts from its weights.
import { expect, test, collectPageErrors, getState, setSetting, trainToEnd } from './helpers';

test('the link reproduces the setup; export and re-import the trained model', async ({ page, context }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await setSetting(page, 'lr', 0.02);
  await setSetting(page, 'model-units', 16);
  await setSetting(page, 'batchSize', 64);
  await setSetting(page, 'epochs', 2);
  await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 5000 }).toContain('epochs=2');
  const url = page.url();
  expect(url).toContain('lr=0.02');
  const setup = (await getState(page)).setup;

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('setting-lr')).toHaveValue('0.02');
  expect((await getState(other)).setup).toEqual(setup);
  await expect(other.getByTestId('url-ignored')).toHaveCount(0);
  // a hand-edited, hostile link: defaults for what is invalid, a message naming it, no crash
  await other.close();
  const hostile = await context.newPage();
  await hostile.goto(`${url.split('#')[0]}#lr=-1&units=abc&data=%3Cscript%3E&bp=%5B1`);
  await expect(hostile.getByTestId('url-ignored')).toContainText('lr=-1');
  await expect(hostile.getByTestId('url-ignored')).toContainText('data=<script>');
  expect((await getState(hostile)).setup.lr).toBe(0.05);
  await hostile.close();

  await trainToEnd(page);
  const firstLoss = (await getState(page)).batches[0].loss;
  await expect(page.getByTestId('model-state')).toHaveAttribute('data-source', 'trained');
  const downloads: string[] = [];
  page.on('download', async (d) => {
    const path = test.info().outputPath(d.suggestedFilename());
    await d.saveAs(path);
    downloads.push(path);
  });
  await page.getByTestId('export-model').click();
  await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(2);
  expect(downloads.map((p) => p.split('/').pop()).sort()).toEqual(['model.json', 'model.weights.bin']);

  await page.getByTestId('import-model').setInputFiles(downloads);
  await expect(page.getByTestId('model-state')).toHaveAttribute('data-continue', 'yes');
  await trainToEnd(page);
  const s = await getState(page);
  // continued training: the second run starts where the first ended
  expect(s.batches[0].loss).toBeLessThan(firstLoss);
  expect(s.leakedTensors).toBe(0);
  await expect(page.getByTestId('model-state')).toHaveAttribute('data-source', 'trained');

  // a model that does not fit the setup is refused with the reason
  await setSetting(page, 'model-units', 8);
  await page.getByTestId('import-model').setInputFiles(downloads);
  await expect(page.getByTestId('model-message')).toContainText("does not match the setup's model");
  expect(errors).toEqual([]);
});
