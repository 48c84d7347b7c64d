// The Content-Security-Policy (csp.ts): sent as a header and a <meta>, strict (no eval on the page
// or in the worker), and a whole session (train, a backend switch to WASM, exports, loading files
// and a model) runs without one violation.
import { readFileSync } from 'node:fs';
import { allowErrors, expect, test, getState, setSetting, trainToEnd } from './helpers';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

test('a strict CSP holds for a whole session, on the page and in the worker', async ({ page }) => {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations!.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const response = await page.goto('/');
  const header = response!.headers()['content-security-policy'];
  for (const d of [
    "default-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "worker-src 'self' blob:",
    "'wasm-unsafe-eval'",
  ]) {
    expect(header).toContain(d);
  }
  expect(header).not.toMatch(/(?<!wasm-)'unsafe-eval'/);
  expect(header).not.toContain('unsafe-inline');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("default-src 'self'");
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });

  await setSetting(page, 'epochs', 1);
  await trainToEnd(page);
  const downloads: string[] = [];
  page.on('download', async (d) => {
    const path = test.info().outputPath(d.suggestedFilename());
    await d.saveAs(path);
    downloads.push(path);
  });
  await page.getByTestId('export-model').click();
  await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(2);
  await page.getByTestId('import-model').setInputFiles(downloads.filter((p) => /model\.(json|weights\.bin)$/.test(p)));
  await expect(page.getByTestId('model-state')).toHaveAttribute('data-continue', 'yes');

  // WASM compiles its module: allowed by 'wasm-unsafe-eval' alone
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'iris.csv', mimeType: 'text/csv', buffer: readFileSync('public/data/iris.csv') });
  await expect(page.getByTestId('dataset-info')).toContainText('iris.csv');
  await trainToEnd(page);
  expect((await getState(page)).error).toBeNull();
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);

  // The policy bites, on the page and in the worker (whose violations the page is told of)
  allowErrors(
    page,
    /(Evaluating a string as JavaScript|Executing inline script) violates the following Content Security Policy/,
    'the test runs a string and an inline script on purpose, to see the CSP refuse them',
  );
  // a string turned into code (string timers are checked like eval) and an inline script: both refused
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.head.append(inline);
    w.__checked = true;
  });
  // (each violation is reported twice: the <meta> and the header are two policies, both enforced)
  await expect.poll(() => page.evaluate(() => new Set(window.__cspViolations).size)).toBe(2);
  expect(
    await page.evaluate(() => [
      (window as unknown as Record<string, unknown>).__evalRan,
      (window as unknown as Record<string, unknown>).__inlineRan,
    ]),
  ).toEqual([undefined, undefined]);
  const worker = page.workers()[0];
  await worker.evaluate(() => (setTimeout as unknown as (code: string, ms: number) => void)('self.__evalRan = true', 0));
  await expect.poll(async () => (await getState(page)).error?.message ?? '').toContain('Content-Security-Policy blocked');
  expect(await worker.evaluate(() => (self as unknown as Record<string, unknown>).__evalRan)).toBeUndefined();
});
