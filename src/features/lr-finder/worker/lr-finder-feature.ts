// The LR finder's worker side: fastai's lr_find on a fresh Learner of the page's setup, run as
// the worker's one activity (refused while a run trains, and Train is refused while it runs).
import type { ParamValues } from '../../callbacks/messages';
import type { Setup } from '../../setup/messages';
import type { Session } from '../../run/worker/session';
import type { Handlers, Send, WorkerFeature } from '../../../worker/feature';
import type { LrFinderPageToWorker } from '../messages';
import { FindCancel } from './find-cancel';
import { runLrFind, type LrFindHost } from './lr-find';

/** What the finder needs of the session (tests drive it with a stand-in). */
export type LrFinderHost = LrFindHost & Pick<Session, 'exclusive' | 'busyReason'> & { data: Pick<Session['data'], 'prepare'> };

export class LrFinderFeature implements WorkerFeature {
  readonly handlers: Handlers<LrFinderPageToWorker> = {
    'lr-find': (msg, session) => this.lrFind(msg.setup, msg.params, session),
    'lr-find-cancel': () => this.cancel(),
  };

  /** The finder going now (from its request on, before its Learner exists). */
  private current: FindCancel | null = null;

  constructor(private readonly send: Send) {}

  /** Stops the finder that is going at the end of its current iteration; nothing when none is. */
  cancel(): void {
    this.current?.cancel();
  }

  /** Runs the LR finder, or says why it cannot run now. */
  async lrFind(setup: Setup, params: ParamValues, host: LrFinderHost): Promise<void> {
    const busy = host.busyReason();
    if (busy) {
      const message = busy.startsWith('A training run') ? 'Stop the training run first: the LR finder needs its own Learner' : busy;
      return this.send({ type: 'lr-find-failed', message });
    }
    const cancel = new FindCancel();
    this.current = cancel;
    try {
      await host.exclusive('lr-find', async () => {
        await host.data.prepare(setup.dataset);
        await runLrFind(host, setup, params, this.send, cancel);
      });
    } finally {
      if (this.current === cancel) this.current = null;
    }
  }
}
