import { expect, type Page } from '@playwright/test';
import type { AppState } from '../src/app/store';
// Brings in the window.__playground typing (also used by the specs).
import type {} from '../src/app/test-api';

/** Fails the test on any uncaught page or worker exception. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** The store, through the test API the page installs on window. */
export async function getState(page: Page): Promise<AppState> {
  return page.evaluate(() => {
    const api = window.__playground;
    if (!api) throw new Error('window.__playground is missing');
    // Functions do not survive structured cloning: drop them.
    return JSON.parse(JSON.stringify(api.getState())) as AppState;
  });
}

export async function setSetting(page: Page, key: string, value: number): Promise<void> {
  const input = page.getByTestId(`setting-${key}`);
  await input.fill(Number.isNaN(value) ? 'abc' : String(value));
}

/** Clicks Train and waits for the run to end. */
export async function trainToEnd(page: Page, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('train-button')).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'training');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout });
}

/** Checks a finished run: charts drawn, accuracy shown, nothing leaked, no error. */
export async function expectFinishedRun(page: Page, epochs: number): Promise<AppState> {
  const state = await getState(page);
  expect(state.error).toBeNull();
  expect(state.runDetail).toBe('finished');
  expect(state.leakedTensors).toBe(0);
  expect(state.epochs).toHaveLength(epochs);
  expect(state.batches.length).toBeGreaterThanOrEqual(epochs);
  await expect(page.getByTestId('loss-chart')).not.toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('loss-chart').locator('.recharts-line path').first()).toBeVisible();
  await expect(page.getByTestId('accuracy-chart')).toHaveAttribute('data-points', String(epochs));
  await expect(page.getByTestId('valid-accuracy')).toHaveText(/^\d+(\.\d)?%$/);
  return state;
}
