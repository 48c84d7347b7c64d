// What the page says about data it cannot use: the file that is wrong, what is wrong with it and
// what to do, said when the file is picked (not as a crash mid-run); a later good file clears it.
import { expect, test, type Page } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
});

/** A big-endian IDX file: magic, dimensions, then the bytes. */
function idx(magic: number, dims: number[], body: number[]): Buffer {
  const out = Buffer.alloc(4 + 4 * dims.length + body.length);
  out.writeUInt32BE(magic, 0);
  dims.forEach((d, k) => out.writeUInt32BE(d, 4 + 4 * k));
  Buffer.from(body).copy(out, 4 + 4 * dims.length);
  return out;
}

const pixels = (n: number) => Array.from({ length: n * 4 }, (_, k) => (k * 37) % 256);
const input = (page: Page) => page.getByTestId('file-input');
const good = { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n2,2,x\n') };

test('a lone IDX images file: the labels file is needed too', async ({ page }) => {
  await input(page).setInputFiles({
    name: 'train-images.idx3-ubyte',
    mimeType: 'application/octet-stream',
    buffer: idx(0x803, [6, 2, 2], pixels(6)),
  });
  await expect(page.getByTestId('data-error')).toHaveText(
    'train-images.idx3-ubyte: IDX images need their labels file too; pick both files together×',
  );
});

for (const order of ['images first', 'labels first'] as const) {
  test(`an images file with a wrong magic number is the one named (${order})`, async ({ page }) => {
    const images = { name: 'my-images.idx3-ubyte', mimeType: 'application/octet-stream', buffer: idx(0x802, [6, 2, 2], pixels(6)) };
    const labels = { name: 'my-labels.idx1-ubyte', mimeType: 'application/octet-stream', buffer: idx(0x801, [6], [0, 1, 0, 1, 0, 1]) };
    await input(page).setInputFiles(order === 'images first' ? [images, labels] : [labels, images]);
    await expect(page.getByTestId('data-error')).toContainText(
      'the images file my-images.idx3-ubyte has the wrong magic number 0x00000802; an IDX images file starts with 0x00000803',
    );
  });
}

test('a PNG named .csv is said to be a PNG', async ({ page }) => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0x2c, 0x0a, 0x2c]);
  await input(page).setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: png });
  await expect(page.getByTestId('data-error')).toContainText('x.csv: x.csv is not a text CSV: it looks like a PNG image');
});

test('a 2-row CSV: no validation rows is said when it is loaded; a good file then clears it', async ({ page }) => {
  await input(page).setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,y\n1,2,3.5\n3,4,7.25\n') });
  await expect(page.getByTestId('data-error')).toContainText(
    'the validation share 0.2 of 2 rows leaves no validation rows; add rows or raise the share',
  );
  await input(page).setInputFiles(good);
  await expect(page.getByTestId('dataset-info')).toContainText('good.csv');
  await expect(page.getByTestId('data-error')).toHaveCount(0);
});

test('after a refused file, a good one clears the message', async ({ page }) => {
  await input(page).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,label\n1,2,x\n3,oops,y\n') });
  await expect(page.getByTestId('data-error')).toContainText("bad.csv: row 3, column 'b'");
  await input(page).setInputFiles(good);
  await expect(page.getByTestId('dataset-info')).toContainText('good.csv');
  await expect(page.getByTestId('data-error')).toHaveCount(0);
  await input(page).setInputFiles({
    name: 'train-images.idx3-ubyte',
    mimeType: 'application/octet-stream',
    buffer: idx(0x803, [6, 2, 2], pixels(6)),
  });
  await expect(page.getByTestId('data-error')).toContainText('labels file too');
  await input(page).setInputFiles([
    { name: 't10k-images.idx3-ubyte', mimeType: 'application/octet-stream', buffer: idx(0x803, [6, 2, 2], pixels(6)) },
    { name: 't10k-labels.idx1-ubyte', mimeType: 'application/octet-stream', buffer: idx(0x801, [6], [0, 1, 2, 0, 1, 2]) },
  ]);
  await expect(page.getByTestId('dataset-info')).toContainText('t10k-images.idx3-ubyte');
  await expect(page.getByTestId('data-error')).toHaveCount(0);
});
