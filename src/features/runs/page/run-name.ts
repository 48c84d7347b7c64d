// What a saved run is called: every setting that shapes it, compactly ("spiral · MLP 2 x 32 relu
// · adam lr 3e-3 · bs 128 · 10 epochs"), and, among listed runs, the settings that set each apart.
import { datasetSummary } from '../../../data/kinds/catalog';
import { modelSummary } from '../../../models/kinds/catalog';
import { formatLr } from '../../run/page/lr-axis';
import type { Setup } from '../../setup/messages';
import { setupRows } from './compare-data';
import type { SavedRun } from './runs-db';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function runName(s: Setup): string {
  const optimizer = [s.optimizer, `lr ${formatLr(s.lr)}`, s.optimizer === 'sgd' && `mom ${s.momentum}`, s.wd > 0 && `wd ${formatLr(s.wd)}`];
  return [
    datasetSummary(s.dataset),
    modelSummary(s.model),
    optimizer.filter(Boolean).join(' '),
    `bs ${s.batchSize}`,
    plural(s.epochs, 'epoch'),
  ].join(' · ');
}

/** How one setting reads beside a name: 'lr 3e-3', 'units 64', 'adam', 'GradientClip maxNorm 1'. */
function settingLabel(key: string, value: string): string {
  if (key === 'callbacks') return 'no callbacks';
  if (key.startsWith('callbacks.')) return `${key.split('.').slice(1).join(' ')} ${value}`;
  const name = key.split('.').at(-1)!;
  if (name === 'kind' || name === 'id' || name === 'optimizer') return value;
  if (name === 'lr' || name === 'wd') return `${name} ${formatLr(Number(value))}`;
  if (name === 'batchSize') return `bs ${value}`;
  if (name === 'momentum') return `mom ${value}`;
  if (name === 'epochs') return plural(Number(value), 'epoch');
  return `${name} ${value}`;
}

/** For each run, in order: its settings that are not the same in every listed run (in the name's order). */
export function runDifferences(runs: readonly SavedRun[]): string[][] {
  const differing = setupRows(runs).filter((r) => r.differs && r.key !== 'backend');
  return runs.map((_, i) => differing.filter((r) => r.values[i] !== '').map((r) => settingLabel(r.key, r.values[i])));
}
