// fastai's show_training_loop without the page's plumbing (src/shared/plumbing.ts), unless shown.
import { hidePlumbing } from '../../../shared/plumbing';
import type { LoopLineData } from '../messages';

export function loopWithoutPlumbing(loop: readonly LoopLineData[], show: boolean): readonly LoopLineData[] {
  if (show) return loop;
  return loop.map((l) => (l.kind === 'event' ? { ...l, callbacks: [...hidePlumbing(l.callbacks, (n) => n, false)] } : l));
}
