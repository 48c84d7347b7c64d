// fastai's lr_find on a fresh Learner of the page's setup: streams the (lr, smoothed loss) points
// as they are recorded (at most one message every POINTS_INTERVAL_MS), then sends them with the
// valley / slide / minimum / steep suggestions, or says it was cancelled (no suggestion).
// Everything the finder allocates is disposed, whatever happens.
import * as tf from '@tensorflow/tfjs';
import { lrFind } from '../../../callbacks/lr-finder';
import { callbackInfo, resolveParams } from '../../../callbacks/registry';
import type { LrPoint } from '../messages';
import type { ParamValues } from '../../callbacks/messages';
import type { Send } from '../../../worker/feature';
import type { Session } from '../../run/worker/session';
import { FindCancel } from './find-cancel';

export type LrFindHost = Pick<Session, 'buildLearner'>;

/** Minimum time between two 'lr-find-points' messages (ms): the page's progress, not one message per iteration. */
const POINTS_INTERVAL_MS = 100;

export async function runLrFind(
  host: LrFindHost,
  setup: Parameters<LrFindHost['buildLearner']>[0],
  params: ParamValues,
  send: Send,
  cancel: FindCancel = new FindCancel(),
): Promise<void> {
  let opts: { startLr: number; endLr: number; numIt: number; stopDiv: boolean };
  try {
    const p = resolveParams(callbackInfo('LRFinder')!, params);
    opts = { startLr: Number(p.startLr), endLr: Number(p.endLr), numIt: Number(p.numIt), stopDiv: Boolean(p.stopDiv) };
  } catch (err) {
    send({ type: 'lr-find-failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const before = tf.memory().numTensors;
  send({ type: 'lr-find-started', numIt: opts.numIt });
  if (cancel.cancelled) return send({ type: 'lr-find-cancelled', iterations: 0, leakedTensors: 0 });
  let built: ReturnType<LrFindHost['buildLearner']> | null = null;
  let unsubscribe = () => {};
  try {
    built = host.buildLearner(setup, [cancel]);
    const learn = built.learn;
    let pending: LrPoint[] = [];
    let last = performance.now();
    const flush = () => {
      if (pending.length) send({ type: 'lr-find-points', points: pending });
      pending = [];
      last = performance.now();
    };
    unsubscribe =
      learn.recorder?.subscribe({
        onBatches: (records) => {
          pending.push(...records.map((r) => ({ lr: r.lr, loss: r.smoothLoss })));
          if (performance.now() - last >= POINTS_INTERVAL_MS) flush();
        },
      }) ?? unsubscribe;
    const result = await lrFind(learn, opts);
    flush();
    unsubscribe();
    built.dispose();
    built = null;
    const leakedTensors = tf.memory().numTensors - before;
    if (cancel.cancelled) return send({ type: 'lr-find-cancelled', iterations: result.lrs.length, leakedTensors });
    const points = result.lrs.map((lr, i) => ({ lr, loss: result.losses[i] }));
    send({ type: 'lr-find-done', result: { points, suggestions: result.suggestions, numIt: opts.numIt, leakedTensors } });
  } catch (err) {
    send({ type: 'lr-find-failed', message: err instanceof Error ? err.message : String(err) });
  } finally {
    unsubscribe();
    built?.dispose();
  }
}
