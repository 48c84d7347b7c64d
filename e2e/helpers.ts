import { test as base, expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import type { AppState } from '../src/app/store';
import type { BatchRecord } from '../src/features/run/messages';
// Brings in the window.__playground typing (also used by the specs).
import type {} from '../src/app/test-api';

export { expect, type Page };

interface AllowedError {
  pattern: RegExp;
  reason: string;
  /** The errors it let through. */
  seen: string[];
}

/** What went wrong in one browser context: uncaught exceptions and console errors, of its pages and their workers. */
interface ErrorLog {
  /** The errors no allowErrors call matched, as "kind: text". */
  unexpected: string[];
  allowed: AllowedError[];
}

const logs = new WeakMap<BrowserContext, ErrorLog>();

function describeConsole(msg: ConsoleMessage): string {
  const from = msg.worker() ? 'worker console' : 'console';
  // "Failed to load resource" does not name the resource; its location does.
  const url = msg.location().url;
  return `${from}: ${msg.text()}${url && !msg.text().includes(url) ? ` (${url})` : ''}`;
}

function errorLog(context: BrowserContext): ErrorLog {
  const known = logs.get(context);
  if (known) return known;
  const log: ErrorLog = { unexpected: [], allowed: [] };
  const record = (text: string) => {
    const allowed = log.allowed.find((a) => a.pattern.test(text));
    if (allowed) allowed.seen.push(text);
    else log.unexpected.push(text);
  };
  // The context's events cover every page, the pages opened later and their workers.
  context.on('weberror', (err) => record(`uncaught: ${err.error().message}`));
  context.on('console', (msg) => {
    if (msg.type() === 'error') record(describeConsole(msg));
  });
  logs.set(context, log);
  return log;
}

/**
 * The uncaught exceptions and console errors (type 'error', page and workers) of the page's
 * context so far, less the allowed ones. Every test fails on them anyway (the `test` below); a
 * spec reads this to check at a point of its own.
 */
export function collectPageErrors(page: Page): string[] {
  return errorLog(page.context()).unexpected;
}

/**
 * Lets errors matching `pattern` through, for a test that provokes them on purpose (call it
 * before provoking them). `reason` says why they are expected.
 */
export function allowErrors(page: Page, pattern: RegExp, reason: string): void {
  if (!reason.trim()) throw new Error('allowErrors needs a reason');
  errorLog(page.context()).allowed.push({ pattern, reason, seen: [] });
}

/** Playwright's test, failing every test whose pages or workers log an error or throw one uncaught. */
export const test = base.extend<{ errorCheck: void }>({
  errorCheck: [
    async ({ context }, use, testInfo) => {
      const log = errorLog(context);
      await use();
      if (log.allowed.length)
        await testInfo.attach('allowed-errors.txt', {
          body: log.allowed.map((a) => `${a.pattern} (${a.reason}): ${a.seen.length} seen\n${a.seen.join('\n')}`).join('\n\n'),
          contentType: 'text/plain',
        });
      if (log.unexpected.length) throw new Error(`The page logged errors:\n${log.unexpected.map((e) => `  ${e}`).join('\n')}`);
    },
    { auto: true },
  ],
});

/** The store, through the test API the page installs on window. */
/** The store as JSON gives it: the batch history as its records. */
export type StateSnapshot = Omit<AppState, 'batches'> & { batches: BatchRecord[] };

export async function getState(page: Page): Promise<StateSnapshot> {
  return page.evaluate(() => {
    const api = window.__playground;
    if (!api) throw new Error('window.__playground is missing');
    // Functions do not survive structured cloning: drop them.
    return JSON.parse(JSON.stringify(api.getState())) as StateSnapshot;
  });
}

export async function setSetting(page: Page, key: string, value: number): Promise<void> {
  const input = page.getByTestId(`setting-${key}`);
  await input.fill(Number.isNaN(value) ? 'abc' : String(value));
}

/** Clicks Train, waits for the worker to take the run (a short one may be over by then) and for it to end. */
export async function trainToEnd(page: Page, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('train-button')).toBeEnabled({ timeout: 30_000 });
  const before = (await getState(page)).runId;
  await page.getByTestId('train-button').click();
  await expect.poll(async () => (await getState(page)).runId, { timeout: 30_000 }).not.toBe(before);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done', { timeout });
}

/** Checks a finished run: charts drawn, accuracy shown, nothing leaked, no error. */
export async function expectFinishedRun(page: Page, epochs: number): Promise<StateSnapshot> {
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

export type WorkbenchTabName = 'callbacks' | 'code' | 'lr-finder' | 'debugger' | 'runs';

/** Shows a tab of the workbench under the charts (Callbacks · LR finder · Debugger). */
export async function openWorkbenchTab(page: Page, tab: WorkbenchTabName): Promise<void> {
  await page.getByTestId(`wb-tab-${tab}`).click();
  await expect(page.getByTestId(`wb-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}

/**
 * Counts the renders of the named components (function names survive the build: keepNames), via
 * the hook React calls after every commit (React DevTools' own). Call before page.goto.
 * A component rendered in a commit when its fiber was re-created for it and did work (PerformedWork);
 * fibers of a subtree React skipped are the same objects as at the previous commit.
 */
export async function trackRenders(page: Page, names: string[]): Promise<void> {
  await page.addInitScript((watched: string[]) => {
    const counts: Record<string, number> = Object.fromEntries(watched.map((n) => [n, 0]));
    let last = new Set<object>();
    type Fiber = { type: unknown; flags: number; child: Fiber | null; sibling: Fiber | null };
    const w = window as unknown as Record<string, unknown>;
    w.__renderCounts = counts;
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
      onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
        const seen = new Set<object>();
        const stack: Fiber[] = [root.current];
        while (stack.length) {
          const f = stack.pop()!;
          const name = typeof f.type === 'function' ? (f.type as { name?: string }).name : undefined;
          if (name && name in counts) {
            seen.add(f);
            if (!last.has(f) && (f.flags & 1) !== 0) counts[name]++;
          }
          if (f.child) stack.push(f.child);
          if (f.sibling) stack.push(f.sibling);
        }
        last = seen;
      },
    };
  }, names);
}

/** The renders counted by trackRenders since the last call (and resets them). */
export async function takeRenderCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts = (window as unknown as { __renderCounts: Record<string, number> }).__renderCounts;
    const copy = { ...counts };
    for (const k of Object.keys(counts)) counts[k] = 0;
    return copy;
  });
}
