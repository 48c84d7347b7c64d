import { collectPageErrors, expect, getState, test } from './helpers';

test('says WebGPU runs on a CPU emulation, measures every backend for the model and offers the faster one', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveText(/swiftshader \(CPU emulation, no GPU\)/, { timeout: 60_000 });
  const panel = page.getByTestId('backend-speeds');
  await expect(panel).toContainText('a CPU emulation of a GPU');
  await page.getByTestId('measure-backends').click();
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByTestId('measure-backends')).toBeVisible({ timeout: 90_000 });
  const speeds = (await getState(page)).backendSpeeds;
  expect(speeds?.done).toBe(true);
  expect(speeds?.measuredFor).toMatch(/batch \d+ on spiral/i);
  const names = speeds!.speeds.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(['webgpu', 'webgl', 'cpu']));
  for (const s of speeds!.speeds) expect(s.samplesPerSecond ?? 0, `${s.name}: ${s.problem}`).toBeGreaterThan(0);
  await expect(page.getByTestId('backend-speed-webgpu')).toHaveText(/^webgpu: [\d,]+ samples\/s$/);
  // the worker is back on webgpu, idle, and trains as before
  await expect(page.getByTestId('train-button')).toBeEnabled();
  expect((await getState(page)).backend?.name).toBe('webgpu');
  const offer = page.getByTestId('use-faster-backend');
  if (await offer.isVisible()) {
    const name = (await offer.textContent())!.match(/^Use (\w+)/)![1];
    await offer.click();
    await expect(badge).toHaveAttribute('data-backend', name);
  }
  await page.getByTestId('hide-backend-speeds').click();
  await expect(panel).toBeHidden();
  expect(errors).toEqual([]);
});
