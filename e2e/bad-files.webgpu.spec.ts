// Files a careful tester loads: values beyond float32 are refused with row and column (they used
// to become Infinity and a NaN loss); a header name given twice is renamed where the user sees it.
import { expect, getState, test } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
});

test('a value beyond float32 is refused with its row and column; the data stays', async ({ page }) => {
  const input = page.getByTestId('file-input');
  await input.setInputFiles({
    name: 'good.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n2,2,x\n'),
  });
  await expect(page.getByTestId('dataset-info')).toContainText('good.csv');
  await input.setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,label\n1,2,x\n3,1e39,y\n5,6,x\n') });
  await expect(page.getByTestId('data-error')).toContainText(
    "huge.csv: row 3, column 'b': 1e39 is beyond what training's 32-bit floats hold",
  );
  await expect(page.getByTestId('dataset-info')).toContainText('good.csv');
});

test('a header name given twice is renamed as pandas does, and the page says so', async ({ page }) => {
  const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${(i * 7) % 5},${i % 2}`);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'twice.csv', mimeType: 'text/csv', buffer: Buffer.from(['x,x,x,label', ...rows].join('\n')) });
  await expect(page.getByTestId('csv-renamed')).toHaveText(
    'Column names given more than once were renamed (as pandas does): x → x.1, x → x.2.',
  );
  await expect(page.getByTestId('csv-label-select').locator('option')).toHaveText([/^x \(/, /^x\.1 \(/, /^x\.2 \(/, /^label \(/]);
  // the second x can be the label: it is its own column, not the first of that name
  await page.getByTestId('csv-label-select').selectOption('x.1');
  await expect(page.getByTestId('csv-columns')).toHaveAttribute('data-label', 'x.1');
  expect((await getState(page)).dataset?.nClasses).toBe(3);
});
