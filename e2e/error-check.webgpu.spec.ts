// The `test` of helpers.ts fails any test whose page or worker logs a console error or throws one
// uncaught; allowErrors lets through the ones a test provokes. Each of the first three must fail.
import { allowErrors, expect, test, type Page } from './helpers';

async function openPage(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Learner Playground' })).toBeVisible();
}

/** Runs `source` in a worker of its own (a blob worker, allowed by the page's CSP). */
async function inWorker(page: Page, source: string): Promise<void> {
  await page.evaluate((src) => {
    const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    new Worker(url).postMessage(null);
  }, source);
}

test('a console error on the page fails the test', async ({ page }) => {
  test.fail();
  await openPage(page);
  await page.evaluate(() => console.error('a page error'));
});

test('a console error in a worker fails the test', async ({ page }) => {
  test.fail();
  await openPage(page);
  await inWorker(page, "console.error('a worker error')");
  await page.waitForTimeout(1_000);
});

test('an uncaught exception in a worker fails the test', async ({ page }) => {
  test.fail();
  await openPage(page);
  await inWorker(page, "throw new Error('a worker throws')");
  await page.waitForTimeout(1_000);
});

test('an error the test allows, with its reason, passes', async ({ page }) => {
  allowErrors(page, /^console: an expected error$/, 'this test logs it on purpose');
  await openPage(page);
  await page.evaluate(() => console.error('an expected error'));
});
