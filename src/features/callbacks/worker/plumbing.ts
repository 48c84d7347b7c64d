// The page's plumbing callbacks (src/shared/plumbing.ts) as the worker knows them: a sample of each,
// for its order and events in the catalog and its place in the loop a new run would have.
import { LoopControl } from '../../../callbacks/loop-control';
import { StreamCallback } from '../../../callbacks/stream';
import { UserLog } from '../../../callbacks/user-log';
import { EVENTS, type Callback } from '../../../learner';
import { PAGE_PLUMBING, PLUMBING_NAMES, type PlumbingName } from '../../../shared/plumbing';
import { PicturesCallback } from '../../pictures/worker/pictures';
import type { CallbackCatalogEntry } from '../messages';

/** An instance like the one a run gets (sends nothing). */
export const PLUMBING_SAMPLES: Record<PlumbingName, () => Callback> = {
  StreamCallback: () => new StreamCallback(() => undefined),
  PicturesCallback: () => new PicturesCallback(() => undefined, { task: 'classification', nClasses: 2, extent: null, images: false }),
  UserLog: () => new UserLog(),
  LoopControl: () => new LoopControl(),
};

export function plumbingCatalog(): CallbackCatalogEntry[] {
  return PLUMBING_NAMES.map((name) => {
    const cb = PLUMBING_SAMPLES[name]();
    const entry: CallbackCatalogEntry = {
      name,
      description: PAGE_PLUMBING[name],
      kind: 'plumbing',
      order: cb.order,
      events: EVENTS.filter((e) => cb.handles(e)),
      params: [],
    };
    cb.dispose();
    return entry;
  });
}
