// The page holds from a wide desktop down to a small tablet: after a run (so the charts have data),
// at each width nothing scrolls sideways, the tab labels and stat values stay on one line, nothing
// sticks out of its panel and the loss legend stays off the plot. A full-page screenshot of each
// width goes with the test's results.
import { expect, openWorkbenchTab, setSetting, test, trainToEnd, type Page, type WorkbenchTabName } from './helpers';
import { layoutProblems } from './layout';

const WIDTHS = [1280, 1024, 800, 600];
const HEIGHT = 900;
const TABS: WorkbenchTabName[] = ['lr-finder', 'debugger', 'runs', 'callbacks'];

/** The whole page at this width: the viewport made as tall as the page (a fullPage capture of a tall page left parts blank on SwiftShader). */
async function shoot(page: Page, width: number): Promise<void> {
  const path = test.info().outputPath(`page-${width}px.png`);
  await page.mouse.move(0, 0); // no chart tooltip in the picture
  await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await page.screenshot({ path, animations: 'disabled' });
  await page.setViewportSize({ width, height: HEIGHT });
  await test.info().attach(`page at ${width} px`, { path, contentType: 'image/png' });
}

test('the page holds at 1280, 1024, 800 and 600 px: no sideways scroll, no wrapped tab, nothing out of its panel', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await setSetting(page, 'epochs', 2);
  await trainToEnd(page);
  await expect(page.getByTestId('boundary')).toHaveAttribute('data-has-grid', 'true');

  for (const width of WIDTHS) {
    await test.step(`${width} px`, async () => {
      await page.setViewportSize({ width, height: HEIGHT });
      // every tab's panel is laid out only while shown: check each, the callbacks last (the screenshot's)
      for (const tab of TABS) {
        await openWorkbenchTab(page, tab);
        await expect.soft.poll(() => layoutProblems(page), { message: `at ${width} px, ${tab} tab`, timeout: 5_000 }).toEqual([]);
      }
      await shoot(page, width);
    });
  }
});
