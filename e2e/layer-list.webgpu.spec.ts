// The layer-list model on WebGPU (SwiftShader): built in the page's list (presets, add, edit,
// reorder, refusals with their reason, the list as text, the link), the BatchNorm CNN trained on
// MNIST, and the lesson of initialisation: the deep MLP's activations collapse under tfjs's
// default init and not under Kaiming's, as ActivationStats measures them.
import { LAYER_PRESETS } from '../src/models/layers/presets';
import { expect, test, collectPageErrors, getState, setSetting, trainToEnd, type Page } from './helpers';

async function openOnWebGpu(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
}

const rows = (page: Page) => page.getByTestId('layer-row');

test('a model built in the layer list: shapes and parameters follow each edit, a misfit is refused with its reason, the link keeps it', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await openOnWebGpu(page);
  await page.getByTestId('model-select').selectOption('layers');
  // the MLP preset on the spiral's 2 features: flatten (nothing on rows), linear(32), relu, linear(32), relu, then Linear → 3
  await expect(rows(page)).toHaveCount(5);
  await expect(page.getByTestId('layer-out')).toHaveText(['2', '32', '32', '32', '32']);
  await expect(page.getByTestId('layer-params')).toHaveText(['0', '96', '0', '1,056', '0']);
  await expect(page.getByTestId('layer-head')).toContainText('Linear → 3 outputs');
  await expect(page.getByTestId('layer-total')).toHaveText(`${(96 + 1056 + 99).toLocaleString('en-US')} parameters`);

  // units of layer 2 → 64: its shape and the next layer's parameters follow (2·64+64, 64·32+32)
  await rows(page).nth(1).getByTestId('layer-arg-units').fill('64');
  await expect(page.getByTestId('layer-out').nth(1)).toHaveText('64');
  await expect(page.getByTestId('layer-params')).toHaveText(['0', '192', '0', '2,080', '0']);
  // out of range: refused at the input, Train off, the last good list kept
  await rows(page).nth(1).getByTestId('layer-arg-units').fill('0');
  await expect(rows(page).nth(1).getByRole('alert')).toHaveText('units must be in [1, 4096]');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await rows(page).nth(1).getByTestId('layer-arg-units').fill('16');
  await expect(page.getByTestId('train-button')).toBeEnabled();

  // a Conv2d on tabular data: refused at its row with the reason, Train off until it goes
  await page.getByTestId('layer-add').selectOption('conv');
  await expect(rows(page)).toHaveCount(6);
  await expect(rows(page).nth(5).getByTestId('layer-problem')).toHaveText('Conv2d needs images; this dataset is tabular');
  await expect(page.getByTestId('layer-fit-error')).toHaveText('layer 6 (Conv2d): Conv2d needs images; this dataset is tabular');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await page.getByRole('button', { name: 'Remove layer 6' }).click();
  await expect(page.getByTestId('layer-fit-error')).toHaveCount(0);
  await expect(page.getByTestId('train-button')).toBeEnabled();

  // reorder: the relu moves above the linear it followed
  await page.getByRole('button', { name: 'Move layer 3 up' }).click();
  await expect(page.getByTestId('layer-type').nth(1)).toHaveValue('relu');
  await expect(page.getByTestId('layer-type').nth(2)).toHaveValue('linear');

  // the list as text: any spelling in, the canonical one stored and linked
  await page.getByTestId('layer-text-toggle').click();
  await page.getByTestId('layer-text').fill('Linear(24) GELU dropout(0.25) Dense(24, ) tanh');
  await expect(page.getByTestId('layer-text-error')).toHaveText('layer 4 (Linear): takes at most 1 argument');
  await page.getByTestId('layer-text').fill('Linear(24) GELU dropout(0.25)\nDense(12) tanh');
  await page.getByTestId('layer-text-toggle').click();
  await expect(page.getByTestId('layer-out')).toHaveText(['24', '24', '24', '12', '12']);
  const state = await getState(page);
  expect(state.setup.model).toEqual({ kind: 'layers', stack: 'linear(24) gelu dropout(0.25) linear(12) tanh', init: 'glorot' });
  await page.getByTestId('model-init').selectOption('kaiming');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('stack=linear%2824%29+gelu+dropout%280.25%29+linear%2812%29+tanh');
  // trains, and the model summary names PyTorch's modules
  await setSetting(page, 'epochs', 2);
  await trainToEnd(page);
  const done = await getState(page);
  expect(done.error).toBeNull();
  expect(done.leakedTensors).toBe(0);
  expect(done.summary?.layers.map((l) => l.kind)).toEqual(['Dense', 'Activation', 'Dropout', 'Dense', 'Activation', 'Dense']);
  await page.getByTestId('layer-rows').screenshot({ path: test.info().outputPath('layer-list.png') });

  // the link opens the same list
  const hash = await page.evaluate(() => location.hash);
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('layer-out')).toHaveText(['24', '24', '24', '12', '12']);
  expect((await getState(page)).setup.model).toEqual({
    kind: 'layers',
    stack: 'linear(24) gelu dropout(0.25) linear(12) tanh',
    init: 'kaiming',
  });
  expect(errors).toEqual([]);
});

test('the BatchNorm CNN preset trains on MNIST', async ({ page }) => {
  const errors = collectPageErrors(page);
  // opened from a link, so the worker compiles one setup ahead of Train
  const preset = LAYER_PRESETS.find((p) => p.id === 'bn-cnn')!;
  const link = new URLSearchParams({
    data: 'mnist',
    limit: '400',
    model: 'layers',
    stack: preset.stack,
    init: preset.init,
    lr: '0.01',
    bs: '64',
    epochs: '2',
  });
  await openOnWebGpu(page, `#${link}`);
  await expect(page.getByTestId('dataset-info')).toContainText('MNIST (400 images)', { timeout: 30_000 });
  await expect(page.getByTestId('layer-preset')).toHaveValue('bn-cnn');
  await expect(page.getByTestId('model-init')).toHaveValue('kaiming');
  // 28 → 14 → 7 → 4 → 2: the stride-2 convs halve the image
  await expect(page.getByTestId('layer-out').nth(0)).toHaveText('14×14×8');
  await expect(page.getByTestId('layer-out').nth(9)).toHaveText('2×2×64');
  await expect(page.getByTestId('layer-out').last()).toHaveText('256');
  await trainToEnd(page);
  const s = await getState(page);
  expect(s.error).toBeNull();
  expect(s.leakedTensors).toBe(0);
  expect(s.summary?.layers.filter((l) => l.kind === 'BatchNormalization')).toHaveLength(4);
  // PyTorch's names for the script's Sequential: the padded conv is module 0, its BN 1
  expect(s.summary?.layers.slice(0, 3).map((l) => s.summary?.names[l.name])).toEqual(['0 Conv2d', '0 Conv2d', '1 BatchNorm2d']);
  // 320 images, 10 steps: the loss falls from ln(10) ≈ 2.30 and the accuracy is well above chance (0.1)
  const last = s.epochs.at(-1)!;
  expect(last.validLoss!).toBeLessThan(2.1);
  expect(last.metrics.accuracy).toBeGreaterThan(0.25);
  expect(errors).toEqual([]);
});

test("the init lesson: the deep MLP's activations collapse under tfjs's default init, not under Kaiming's", async ({ page }) => {
  const errors = collectPageErrors(page);
  await openOnWebGpu(page, '#data=mnist&limit=1000&model=layers&lr=0.003&bs=64&epochs=1');
  await expect(page.getByTestId('dataset-info')).toContainText('MNIST (1,000 images)', { timeout: 30_000 });
  await page.getByTestId('layer-preset').selectOption('deep-mlp');
  await expect(page.getByTestId('model-init')).toHaveValue('glorot');
  await page.getByTestId('cb-ActivationStats').locator('.switch').click();
  await expect(page.getByTestId('cb-switch-ActivationStats')).toBeChecked();

  /** The last hidden Linear's outputs on the first batch, before any step: fastai's near_zero (share ≤ 0.05) and their std. */
  const lastHidden = async (): Promise<{ nearZero: number; std: number }> => {
    const act = (await getState(page)).outputs.activations!;
    expect(act.layers).toHaveLength(9); // 8 hidden Linears and the output's
    const first = act.records[0];
    expect(first.trainIter).toBe(0);
    return { nearZero: first.nearZero[7], std: first.std[7] };
  };
  await trainToEnd(page);
  const glorot = await lastHidden();
  await page.getByTestId('activations-panel').screenshot({ path: test.info().outputPath('init-glorot.png') });

  await page.getByTestId('model-init').selectOption('kaiming');
  await trainToEnd(page);
  const kaiming = await lastHidden();
  await page.getByTestId('activations-panel').screenshot({ path: test.info().outputPath('init-kaiming.png') });
  console.log(`the 8th Linear's outputs at the first batch: glorot ${JSON.stringify(glorot)}, kaiming ${JSON.stringify(kaiming)}`);
  // Glorot halves the variance at each ReLU layer (fan_in · 2 / (fan_in + fan_out) · ½ = ½): after 8 layers the
  // std is ~1/16 of the input's, so most outputs sit within 0.05 of 0; He's init keeps it (fan_in · 2 / fan_in · ½ = 1).
  expect(glorot.std).toBeLessThan(kaiming.std / 4);
  expect(glorot.nearZero).toBeGreaterThan(0.75);
  expect(kaiming.nearZero).toBeLessThan(0.65);
  expect(glorot.nearZero - kaiming.nearZero).toBeGreaterThan(0.2);
  expect(errors).toEqual([]);
});
