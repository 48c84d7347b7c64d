// `npm run test:fastai`: every case's exported script runs in real fastai 2.7.18 and trains to
// within the stated margin of the page's own run of the same setup (tfjs cpu, in Node), on the
// same data and split. Both sides are measured here, each time; nothing is compared with stored numbers.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastaiScript } from '../src/features/share/page/fastai-script';
import { cases, type Case } from './cases';
import { ACCURACY_MARGIN, LOSS_FACTOR, compare, resultsTable, type Runs } from './compare';
import { fastaiPath, runFastai, type Job } from './fastai-side';
import { pageRun, userFileOf } from './page-side';

// FASTAI_CASES=spiral,CSV runs only the cases whose names contain one of these.
const only = process.env.FASTAI_CASES?.split(',').filter(Boolean);
const CASES = cases().filter((c) => !only || only.some((o) => c.name.includes(o)));
const runs = new Map<string, Runs>(CASES.map((c) => [c.name, { page: [], fastai: [] }]));
const t0 = Date.now();

/** The case at one seed (the data, its split and both sides' weights follow it). */
const seeded = (c: Case, seed: number): Case => ({ ...c, setup: { ...c.setup, dataset: { ...c.setup.dataset, seed } } });
const units = CASES.flatMap((c) => (c.seeds ?? [1, 2, 3]).map((seed) => ({ c, at: seeded(c, seed), name: `${c.name} #${seed}` })));

async function job(c: Case, name: string): Promise<Job> {
  const script = fastaiScript({ setup: c.setup, callbacks: c.callbacks, userFile: await userFileOf(c), userCallbacks: c.userCallbacks });
  const files =
    c.file?.format === 'csv'
      ? [{ name: c.file.name, bytes: c.file.text }]
      : c.file?.format === 'idx'
        ? [
            { name: c.file.images, bytes: c.file.imageBytes },
            { name: c.file.labels, bytes: c.file.labelBytes },
          ]
        : [];
  return { name, script, files };
}

beforeAll(async () => {
  const found = fastaiPath();
  if ('missing' in found) throw new Error(`real fastai is not available: ${found.missing} (see ../shared/fastai/README.md)`);
  await tf.setBackend('cpu');
  // fastai runs in its own process while the page's runs go on here.
  const running = runFastai(await Promise.all(units.map((u) => job(u.at, u.name))), found.path);
  for (const u of units) runs.get(u.c.name)!.page.push(await pageRun(u.at));
  const fastai = await running;
  for (const u of units) runs.get(u.c.name)!.fastai.push(fastai.get(u.name)!);
}, 900_000);

afterAll(() => {
  const table = resultsTable(CASES, runs);
  mkdirSync('node_modules/.cache/fastai-check', { recursive: true });
  writeFileSync('node_modules/.cache/fastai-check/results.md', table);
  const took = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(
    `\n${table}\n(${took} s; margins: mean accuracy ±${ACCURACY_MARGIN}, mean regression loss ×${LOSS_FACTOR}, unless the row says)`,
  );
});

describe('the exported fastai script, in real fastai 2.7.18, against the page', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = runs.get(c.name)!;
      r.fastai.forEach((f, i) => {
        if (!f?.ok) expect.fail(`seed ${i + 1}: the script failed in fastai:\n${f?.error ?? 'no result'}`);
      });
      expect(compare(c, r)).toEqual([]);
    });
  }
});
