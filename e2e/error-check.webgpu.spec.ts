// The `test` of helpers.ts fails any test whose page or worker logs a console error or throws one
// uncaught; allowErrors lets through the ones a test provokes. Each of the first three must fail.
import { allowErrors, collectPageErrors, expect, test, type Page } from './helpers';

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

/**
 * Waits up to 1 s for the page's context to log an error the test did not allow. Not an assertion:
 * when none comes the test goes on and the check of helpers.ts passes it, so test.fail() flags it.
 */
async function untilAnError(page: Page): Promise<void> {
  const deadline = Date.now() + 1_000;
  while (collectPageErrors(page).length === 0 && Date.now() < deadline) await page.waitForTimeout(20);
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
  await untilAnError(page);
});

test('an uncaught exception in a worker fails the test', async ({ page }) => {
  test.fail();
  await openPage(page);
  await inWorker(page, "throw new Error('a worker throws')");
  await untilAnError(page);
});

test('an error the test allows, with its reason, passes', async ({ page }) => {
  allowErrors(page, /^console: an expected error$/, 'this test logs it on purpose');
  await openPage(page);
  await page.evaluate(() => console.error('an expected error'));
});
