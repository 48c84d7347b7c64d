// CSVLogger and ActivationStats on WebGPU (SwiftShader): switched on, a short run on the default
// spiral draws the color_dim pictures of every observed layer and offers the history as a CSV file.
import { readFile } from 'node:fs/promises';
import { expect, test, collectPageErrors, getState, setSetting, trainToEnd } from './helpers';

test('ActivationStats pictures and the CSVLogger download after a 2-epoch run', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await expect(page.getByTestId('activations-panel')).toHaveCount(0); // only while ActivationStats is on
  for (const name of ['ActivationStats', 'CSVLogger']) {
    await page.getByTestId(`cb-${name}`).locator('.switch').click();
    await expect(page.getByTestId(`cb-switch-${name}`)).toBeChecked();
  }
  await expect(page.getByTestId('activations-panel')).toBeVisible();
  await expect(page.getByTestId('csv-download-empty')).toBeVisible();
  await setSetting(page, 'epochs', 2);
  await trainToEnd(page, 40_000);

  const s = await getState(page);
  expect(s.error).toBeNull();
  expect(s.leakedTensors).toBe(0);
  const nBatches = s.batches.length;
  const act = s.outputs.activations!;
  expect(act.records).toHaveLength(nBatches); // every = 1: one record per training batch
  expect(act.layers.length).toBeGreaterThan(1);
  // one picture per observed layer, each drawn with every batch
  const pictures = page.getByTestId('act-colordim');
  await expect(pictures).toHaveCount(act.layers.length);
  for (let i = 0; i < act.layers.length; i++) await expect(pictures.nth(i)).toHaveAttribute('data-batches', String(nBatches));
  const lit = await pictures.first().evaluate((c: HTMLCanvasElement) => {
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const colors = new Set<number>();
    for (let i = 0; i < px.length; i += 4) colors.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    return { w: c.width, h: c.height, colors: colors.size };
  });
  expect(lit).toMatchObject({ w: nBatches, h: 40 });
  expect(lit.colors).toBeGreaterThan(3); // a picture, not a flat fill
  await expect(page.getByTestId('act-layer').first().locator('.recharts-line path').first()).toBeVisible();
  await page.getByTestId('activations-panel').screenshot({ path: test.info().outputPath('activations.png') });

  // the CSV: fastai's header and one row per epoch, downloaded from the CSVLogger row
  const button = page.getByTestId('csv-download');
  await expect(button).toHaveAttribute('data-rows', '2');
  await page.getByTestId('cb-CSVLogger').screenshot({ path: test.info().outputPath('csv-logger-row.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('history.csv');
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
  expect(lines[0]).toBe('epoch,train_loss,valid_loss,accuracy,time');
  expect(lines).toHaveLength(3);
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    expect(cells[0]).toBe(String(i));
    expect(Number(cells[1])).toBe(s.epochs[i].trainLoss);
    expect(cells[4]).toMatch(/^\d\d:\d\d$/);
  });
  expect(errors).toEqual([]);
});
