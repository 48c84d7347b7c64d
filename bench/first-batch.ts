// One side's first training batch on a backend that has compiled nothing yet (the caller gives each
// side a fresh browser), broken down by phase. The Learner's phases are when its events ran (the
// JS that queues the work) and when the first loss came back (the device done); the bare loop's
// are the same points of its one step.
import * as tf from '@tensorflow/tfjs';
import { Adam, Callback, Learner, crossEntropyLoss } from '../src/learner';
import type { Workload } from './workloads';

export type FirstBatchSide = 'learner' | 'bare';

export interface FirstBatch {
  side: FirstBatchSide;
  /** From building the model to the first loss read back. */
  ms: number;
  /** Time from the start at which each phase ended, in order. */
  phases: Array<{ phase: string; atMs: number }>;
}

class PhaseClock extends Callback {
  override order = -1000;
  constructor(private readonly mark: (phase: string) => void) {
    super();
  }
  before_fit(): void {
    this.mark('before_fit (callbacks set up)');
  }
  after_pred(): void {
    if (this.learn?.iter === 0 && this.learn.training) this.mark('forward queued');
  }
  after_backward(): void {
    if (this.learn?.iter === 0 && this.learn.training) this.mark('backward queued');
  }
  after_step(): void {
    if (this.learn?.iter === 0 && this.learn.training) this.mark('step queued');
  }
}

export async function firstBatch(w: Workload, side: FirstBatchSide): Promise<FirstBatch> {
  const phases: FirstBatch['phases'] = [];
  const start = performance.now();
  const mark = (phase: string) => phases.push({ phase, atMs: Math.round(performance.now() - start) });
  const [x, y] = w.batches[0];
  const model = w.makeModel();
  mark('model built');
  try {
    if (side === 'bare') {
      const params = model.trainableWeights.map((v) => v.read() as tf.Variable);
      const opt = Adam(params, { lr: 1e-3 });
      const { value, grads } = tf.variableGrads(() => crossEntropyLoss(model.apply(x, { training: true }) as tf.Tensor, y), params);
      mark('forward + backward queued');
      opt.step(params.map((p) => grads[p.name]));
      tf.dispose(Object.values(grads));
      mark('step queued');
      await value.data();
      value.dispose();
      opt.dispose();
    } else {
      const learn = new Learner({ train: [[x, y]], valid: [] }, model, {
        lossFunc: crossEntropyLoss,
        optFunc: Adam,
        lr: 1e-3,
        cbs: [new PhaseClock(mark)],
      });
      mark('Learner built');
      await learn.fit(1);
      learn.opt?.dispose();
    }
    mark('first loss read back');
  } finally {
    model.dispose();
  }
  return { side, ms: phases.at(-1)!.atMs, phases };
}
