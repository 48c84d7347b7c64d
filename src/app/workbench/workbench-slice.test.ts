import { describe, expect, it } from 'vitest';
import type { DebugPause } from '../../features/debugger/messages';
import type { WorkerToPage } from '../../features/messages';
import { useStore } from '../store';
import { reduce } from './workbench-slice';

const pause = {
  reason: 'breakpoint: after_loss',
  snapshot: { event: 'after_loss' },
  timeline: [],
  profile: [],
  cancels: [],
} as unknown as DebugPause;

describe('workbench slice', () => {
  it('a pause brings the Debugger tab forward, in the same store update as the pause itself', () => {
    useStore.getState().showWorkbenchTab('lr-finder');
    const updates: string[] = [];
    const unsub = useStore.subscribe((s) => updates.push(`${s.workbenchTab}:${s.debug.paused}`));
    useStore.getState().applyWorkerMessage({ type: 'debug:paused', pause });
    unsub();
    expect(updates).toEqual(['debugger:true']);
  });

  it("only a pause moves tabs; the person's choice stays otherwise", () => {
    expect(reduce({ workbenchTab: 'callbacks' }, { type: 'debug:paused', pause })).toEqual({ workbenchTab: 'debugger' });
    expect(reduce({ workbenchTab: 'debugger' }, { type: 'debug:paused', pause })).toBeNull();
    const others: WorkerToPage[] = [
      { type: 'debug:resumed' },
      { type: 'status', state: 'done', detail: 'finished' },
      { type: 'metrics', batches: [], epochs: [], progress: null },
      { type: 'lr-find-started', numIt: 100 },
    ];
    for (const m of others) expect(reduce({ workbenchTab: 'lr-finder' }, m)).toBeNull();
    useStore.getState().showWorkbenchTab('callbacks');
    expect(useStore.getState().workbenchTab).toBe('callbacks');
  });
});
