import { beforeAll, describe, expect, it } from 'vitest';
import { Callback } from '../learner';
import { EventLogger, makeLearner, useCpuBackend } from '../learner/fixtures.test.util';
import { LoopControl } from './loop-control';

beforeAll(useCpuBackend);

describe('LoopControl', () => {
  it('applies a queued callback toggle between batches: the new callback sees whole batches only', async () => {
    const control = new LoopControl();
    const logger = new EventLogger();
    class Toggler extends Callback {
      after_loss() {
        // a message arriving mid-batch: queued, not applied now
        if (this.learn!.training && this.learn!.iter === 0) control.enqueue(() => this.learn!.addCb(logger));
      }
    }
    const learn = makeLearner({ cbs: [control, Toggler], trainBatches: 2, validBatches: 1 });
    await learn.fit(1);
    expect(logger.events.slice(0, 2)).toEqual(['before_batch', 'after_pred']);
    expect(logger.events.filter((e) => e === 'before_batch')).toHaveLength(2); // train batch 1 and the valid batch
    expect(logger.events).not.toContain('before_train');
  });

  it('pauses at the end of a batch until resumed, reporting the pause', async () => {
    const states: boolean[] = [];
    const control = new LoopControl((p) => states.push(p));
    let batchesDone = 0;
    class Count extends Callback {
      after_batch() {
        batchesDone += 1;
        if (batchesDone === 1) control.pause();
      }
    }
    const learn = makeLearner({ cbs: [control, Count], trainBatches: 2 });
    const fit = learn.fit(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(control.paused).toBe(true);
    expect(batchesDone).toBe(1);
    control.resume();
    await fit;
    expect(batchesDone).toBe(3);
    expect(states).toEqual([true, false]);
  });
});
