import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../learner/fixtures.test.util';
import { PLUMBING_NAMES } from '../../../shared/plumbing';
import { callbackCatalog } from './callbacks-feature';
import { idleTrainingLoop } from './callback-loop';
import { displayName } from '../../../callbacks/registry';

beforeAll(useCpuBackend);

describe('page plumbing in the callbacks catalog', () => {
  it('lists every callback the page installs, as plumbing with its order and events, once', () => {
    const catalog = callbackCatalog();
    const plumbing = catalog.filter((c) => c.kind === 'plumbing');
    expect(plumbing.map((c) => c.name)).toEqual(PLUMBING_NAMES);
    expect(catalog.filter((c) => c.name === 'StreamCallback')).toHaveLength(1);
    expect(plumbing.find((c) => c.name === 'LoopControl')).toMatchObject({ order: 1000, params: [] });
    expect(plumbing.find((c) => c.name === 'PicturesCallback')?.events).toContain('after_batch');
    for (const c of plumbing) expect(c.description).not.toBe('');
  });

  it("the loop a new run would have includes them, as a run's does", () => {
    const loop = idleTrainingLoop([], displayName);
    const names = new Set(loop.flatMap((l) => (l.kind === 'event' ? l.callbacks : [])));
    for (const name of PLUMBING_NAMES) expect(names).toContain(name);
  });
});
