// The LR finder's worker side: fastai's lr_find on a fresh Learner of the page's setup, run as
// the worker's one activity (refused while a run trains, and Train is refused while it runs).
import type { ParamValues } from '../../callbacks/messages';
import type { Setup } from '../../setup/messages';
import type { Session } from '../../run/worker/session';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import type { LrFinderPageToWorker } from '../messages';
import { runLrFind, type LrFindHost } from './lr-find';

/** What the finder needs of the session (tests drive it with a stand-in). */
export type LrFinderHost = LrFindHost & Pick<Session, 'exclusive' | 'busyReason'> & { data: Pick<Session['data'], 'prepare'> };

export class LrFinderFeature implements WorkerFeature {
  readonly handlers: Handlers<LrFinderPageToWorker> = {
    'lr-find': (msg, session) => this.lrFind(msg.setup, msg.params, session),
  };

  constructor(private readonly send: Send) {}

  /** Runs the LR finder, or says why it cannot run now. */
  async lrFind(setup: Setup, params: ParamValues, host: LrFinderHost): Promise<void> {
    const busy = host.busyReason();
    if (busy) {
      const message = busy.startsWith('A training run') ? 'Stop the training run first: the LR finder needs its own Learner' : busy;
      return this.send({ type: 'lr-find-failed', message });
    }
    await host.exclusive('lr-find', async () => {
      await host.data.prepare(setup.dataset);
      await runLrFind(host, setup, params, this.send);
    });
  }
}
