// What "trains like the page" means for one case (over its seeds), and the table of both sides' results.
import type { Case } from './cases';
import type { FastaiResult } from './fastai-side';
import type { RunResult } from './page-side';

/** Mean final valid accuracy over the seeds: fastai within this of the page (absolute), unless the case says otherwise. */
export const ACCURACY_MARGIN = 0.1;
/** Regression: mean final valid loss within this factor of the page's, unless the case says otherwise. */
export const LOSS_FACTOR = 1.5;

/** Each seed's run on both sides. */
export interface Runs {
  page: RunResult[];
  fastai: FastaiResult[];
}

const isRegression = (r: RunResult) => r.accuracy === null;
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const value = (r: Partial<RunResult>, regression: boolean) => (regression ? r.validLoss : r.accuracy) ?? NaN;

/** The same rows, batches and data on both sides, for one seed (messages; empty: the same). */
function sameData(c: Case, page: RunResult, f: FastaiResult): string[] {
  const problems: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => a !== b && problems.push(`${what}: page ${a}, fastai ${b}`);
  same('training rows', page.nTrain, f.nTrain);
  same('validation rows', page.nValid, f.nValid);
  same('training batches an epoch (the last partial one kept)', Math.ceil(page.nTrain / c.setup.batchSize), f.trainBatches);
  // MNIST: fastai's images are other files than the page's, so only the counts agree.
  if (c.setup.dataset.kind !== 'mnist') {
    const close = (what: string, a: number, b: number | undefined) =>
      !(b !== undefined && Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a))) && problems.push(`${what}: page ${a}, fastai ${b}`);
    close('sum of the validation features (the same rows?)', page.validXSum, f.validXSum);
    close('sum of the validation labels', page.validYSum, f.validYSum);
  }
  return problems;
}

/** Every way fastai's runs are not the page's, as messages (empty: they match). */
export function compare(c: Case, runs: Runs): string[] {
  const problems = runs.page.flatMap((p, i) => sameData(c, p, runs.fastai[i]).map((m) => `seed ${i + 1}: ${m}`));
  const regression = isRegression(runs.page[0]);
  const p = mean(runs.page.map((r) => value(r, regression)));
  const f = mean(runs.fastai.map((r) => value(r, regression)));
  if (!regression) {
    const margin = c.margin ?? ACCURACY_MARGIN;
    if (!(Math.abs(f - p) <= margin)) problems.push(`mean valid accuracy: page ${p}, fastai ${f} (margin ${margin})`);
  } else {
    const factor = c.margin ?? LOSS_FACTOR;
    if (!(Math.max(f / p, p / f) <= factor)) problems.push(`mean valid loss: page ${p}, fastai ${f} (within ×${factor})`);
  }
  return problems;
}

const fmt = (v: number, regression: boolean) => (Number.isNaN(v) ? '–' : regression ? v.toFixed(4) : `${(100 * v).toFixed(1)} %`);

/** Markdown: setup → fastai vs page (means over the seeds), the margin, and whether it passed. */
export function resultsTable(cases: Case[], runs: Map<string, Runs>): string {
  const rows = cases.map((c) => {
    const r = runs.get(c.name);
    if (!r || r.page.length === 0 || r.fastai.length < r.page.length) return `| ${c.name} | not run | | | | | |`;
    const regression = isRegression(r.page[0]);
    const show = (rs: Partial<RunResult>[]) => fmt(mean(rs.map((x) => value(x, regression))), regression);
    const margin = regression ? `×${c.margin ?? LOSS_FACTOR}` : `±${(100 * (c.margin ?? ACCURACY_MARGIN)).toFixed(0)} pts`;
    const ok = r.fastai.every((f) => f.ok) ? (compare(c, r).length === 0 ? 'yes' : 'NO') : 'crashed';
    const secs = (rs: { seconds: number }[]) => rs.reduce((a, x) => a + x.seconds, 0).toFixed(1);
    const what = regression ? 'valid loss' : 'valid accuracy';
    return `| ${c.name} | ${what}, ${r.page.length} seed${r.page.length > 1 ? 's' : ''} | ${show(r.fastai)} | ${show(r.page)} | ${margin} | ${secs(r.fastai)} / ${secs(r.page)} | ${ok} |`;
  });
  return [
    '| setup | compared (mean) | fastai 2.7.18 | page (tfjs cpu) | margin | seconds fastai / page | within |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
