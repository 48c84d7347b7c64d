// Reference tests of fastai's Callback.__call__ (fastai/callback/core.py), written by hand (the event
// lists kept out of Prettier: one stage of the loop per line) from:
//
//   _inner_loop = "before_batch after_pred after_loss before_backward after_cancel_backward after_backward
//                  before_step after_step after_cancel_batch after_batch".split()
//   def __call__(self, event_name):
//       _run = (event_name not in _inner_loop or (self.run_train and getattr(self, 'training', True)) or
//              (self.run_valid and not getattr(self, 'training', False)))
//       res = None
//       if self.run and _run: res = getcallable(self, event_name)()   # cancels re-raised as is,
//                                                                     # other errors named after the cb
//       if event_name=='after_fit': self.run=True #Reset self.run to True at each end of fit
//
// and from Learner._call_one (fastai/learner.py):
//   if not hasattr(event, event_name): raise Exception(f'missing {event_name}')
//   for cb in self.cbs.sorted('order'): cb(event_name)
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Callback,
  CallbackError,
  CancelBackwardException,
  CancelBatchException,
  CancelStepException,
  CancelValidException,
  Recorder,
  TrainEvalCallback,
  type EventName,
  type Learner,
} from './index';
import { Canceller, EventLogger, disposeLearner, makeLearner, useCpuBackend } from './fixtures.test.util';

beforeAll(useCpuBackend);

let learn: Learner | null = null;
afterEach(() => {
  if (learn) disposeLearner(learn);
  learn = null;
});

function mutedLogger(flags: { runTrain?: boolean; runValid?: boolean }): EventLogger {
  const logger = new EventLogger();
  if (flags.runTrain !== undefined) logger.runTrain = flags.runTrain;
  if (flags.runValid !== undefined) logger.runValid = flags.runValid;
  return logger;
}

describe('runTrain / runValid mute only the batch-level events (_inner_loop)', () => {
  it('runTrain = false: no batch events in training; validation batches and stage events still seen', async () => {
    const logger = mutedLogger({ runTrain: false });
    learn = makeLearner({ trainBatches: 2, validBatches: 1, cbs: [logger] });
    logger.clear();
    await learn.fit(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('runValid = false: no batch events in validation; training batches and stage events still seen', async () => {
    const logger = mutedLogger({ runValid: false });
    learn = makeLearner({ trainBatches: 2, validBatches: 1, cbs: [logger] });
    logger.clear();
    await learn.fit(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
      'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
      'after_train', 'before_validate',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('runTrain = runValid = false: only the stage events', async () => {
    const logger = mutedLogger({ runTrain: false, runValid: false });
    learn = makeLearner({ trainBatches: 2, validBatches: 1, cbs: [logger] });
    logger.clear();
    await learn.fit(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train', 'after_train',
      'before_validate', 'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('runTrain = false also mutes after_cancel_batch in training (it is in _inner_loop)', async () => {
    const logger = mutedLogger({ runTrain: false });
    const canceller = new Canceller('after_loss', CancelBatchException, 'train');
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger, canceller] });
    logger.clear();
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train', 'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('runTrain = false also mutes after_cancel_backward in training (it is in _inner_loop)', async () => {
    const logger = mutedLogger({ runTrain: false });
    const canceller = new Canceller('before_backward', CancelBackwardException, 'train');
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger, canceller] });
    logger.clear();
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train', 'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('fastai quirk: after_cancel_step is NOT in _inner_loop, so a runTrain = false callback still sees it', async () => {
    const logger = mutedLogger({ runTrain: false });
    const canceller = new Canceller('before_step', CancelStepException, 'train');
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger, canceller] });
    logger.clear();
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'after_cancel_step',
      'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('runValid = false still sees after_cancel_validate (a stage event)', async () => {
    const logger = mutedLogger({ runValid: false });
    const canceller = new Canceller('after_loss', CancelValidException, 'valid');
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger, canceller] });
    logger.clear();
    await learn.fit(1);
    expect(canceller.fired).toBe(1);
    // prettier-ignore
    expect(logger.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
      'after_train', 'before_validate',
      'after_cancel_validate', 'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('the flags read learn.training at call time (direct learn.call)', async () => {
    const trainMuted = mutedLogger({ runTrain: false });
    const validMuted = mutedLogger({ runValid: false });
    learn = makeLearner({ defaultCbs: false, cbs: [trainMuted, validMuted] });
    trainMuted.clear();
    validMuted.clear();
    const l = learn as unknown as { training: boolean };
    l.training = true;
    await learn.call('before_batch');
    await learn.call('after_batch');
    await learn.call('before_fit');
    l.training = false;
    await learn.call('before_batch');
    await learn.call('after_cancel_batch');
    await learn.call('after_epoch');
    expect(trainMuted.events).toEqual(['before_fit', 'before_batch', 'after_cancel_batch', 'after_epoch']);
    expect(validMuted.events).toEqual(['before_batch', 'after_batch', 'before_fit', 'after_epoch']);
  });
});

describe('run = false', () => {
  it('mutes every event, after_fit included, and is reset to true at the end of the fit', async () => {
    class Quitter extends EventLogger {
      quits = 0;
      protected override on(event: EventName): void {
        super.on(event);
        if (event === 'before_train' && this.quits === 0) {
          this.quits += 1;
          this.run = false;
        }
      }
    }
    const q = new Quitter();
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [q] });
    q.clear();
    await learn.fit(2);
    expect(q.events).toEqual(['before_fit', 'before_epoch', 'before_train']);
    expect(q.run).toBe(true);
    // the next fit runs it again in full
    q.clear();
    await learn.fit(1);
    // prettier-ignore
    expect(q.events).toEqual([
      'before_fit', 'before_epoch', 'before_train',
      'before_batch', 'after_pred', 'after_loss', 'before_backward', 'after_backward', 'before_step', 'after_step', 'after_batch',
      'after_train', 'before_validate',
      'before_batch', 'after_pred', 'after_loss', 'after_batch',
      'after_validate', 'after_epoch', 'after_fit',
    ]);
  });

  it('set before fit: the callback sees nothing of that fit, then run is true again', async () => {
    const logger = new EventLogger();
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [logger] });
    logger.clear();
    logger.run = false;
    await learn.fit(1);
    expect(logger.events).toEqual([]);
    expect(logger.run).toBe(true);
  });

  it('after_fit resets run even on a direct learn.call', async () => {
    const logger = new EventLogger();
    learn = makeLearner({ defaultCbs: false, cbs: [logger] });
    logger.clear();
    logger.run = false;
    await learn.call('before_epoch');
    expect(logger.run).toBe(false);
    await learn.call('after_fit');
    expect(logger.events).toEqual([]);
    expect(logger.run).toBe(true);
    await learn.call('before_epoch');
    expect(logger.events).toEqual(['before_epoch']);
  });
});

describe('order', () => {
  it('callbacks run by ascending order, stable for equal orders', async () => {
    const calls: string[] = [];
    class Tagged extends Callback {
      constructor(
        readonly tag: string,
        order: number,
      ) {
        super();
        this.order = order;
      }
      before_fit(): void {
        calls.push(`before_fit:${this.tag}`);
      }
      after_batch(): void {
        calls.push(`after_batch:${this.tag}`);
      }
    }
    learn = makeLearner({
      trainBatches: 1,
      validBatches: 1,
      cbs: [new Tagged('a', 5), new Tagged('b', -1), new Tagged('c', 5), new Tagged('d', 0), new Tagged('e', -1)],
    });
    await learn.fit(1);
    expect(calls).toEqual([
      'before_fit:b',
      'before_fit:e',
      'before_fit:d',
      'before_fit:a',
      'before_fit:c',
      // train batch
      'after_batch:b',
      'after_batch:e',
      'after_batch:d',
      'after_batch:a',
      'after_batch:c',
      // valid batch
      'after_batch:b',
      'after_batch:e',
      'after_batch:d',
      'after_batch:a',
      'after_batch:c',
    ]);
  });

  it('the order is read at each call (fastai sorts self.cbs on every event)', async () => {
    const calls: string[] = [];
    class Tagged extends Callback {
      constructor(readonly tag: string) {
        super();
      }
      before_epoch(): void {
        calls.push(this.tag);
      }
    }
    const first = new Tagged('first');
    const second = new Tagged('second');
    learn = makeLearner({ defaultCbs: false, cbs: [first, second] });
    await learn.call('before_epoch');
    first.order = 1;
    await learn.call('before_epoch');
    expect(calls).toEqual(['first', 'second', 'second', 'first']);
  });

  it('relative to TrainEvalCallback (order -10): a callback with order < -10 sees training not yet set in before_train', async () => {
    const seen: Array<[string, boolean]> = [];
    class Spy extends Callback {
      constructor(
        readonly tag: string,
        order: number,
      ) {
        super();
        this.order = order;
      }
      before_train(): void {
        seen.push([this.tag, this.learn!.training]);
      }
      before_validate(): void {
        seen.push([this.tag, this.learn!.training]);
      }
    }
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [new Spy('late', 0), new Spy('early', -20)] });
    await learn.fit(1);
    // Learner.__init__ sets training=False; TrainEvalCallback sets it in before_train / before_validate
    expect(seen).toEqual([
      ['early', false],
      ['late', true],
      ['early', true],
      ['late', false],
    ]);
  });

  it('a fresh Learner is not training (fastai Learner.__init__: self.training = False)', () => {
    learn = makeLearner();
    expect(learn.training).toBe(false);
  });

  it('default callbacks: TrainEvalCallback (order -10, runValid false) and Recorder (order 50)', () => {
    const te = new TrainEvalCallback();
    expect(te.order).toBe(-10);
    expect(te.runValid).toBe(false);
    expect(te.runTrain).toBe(true);
    expect(new Recorder().order).toBe(50);
    const cb = new Callback();
    expect([cb.order, cb.run, cb.runTrain, cb.runValid, cb.learn]).toEqual([0, true, true, true, null]);
    learn = makeLearner();
    expect(learn.cbByName('train_eval')).toBeInstanceOf(TrainEvalCallback);
    expect(learn.cbByName('recorder')).toBe(learn.recorder);
    expect(learn.cb(TrainEvalCallback)!.learn).toBe(learn);
  });
});

describe('name (fastai class2attr(self, "Callback") = camel2snake of the class name without "Callback")', () => {
  class GradientClip extends Callback {}
  class MyCB extends Callback {}
  class ComplicatedNameCallback extends Callback {}
  class TstCallback extends Callback {}
  class HTTPServerCallback extends Callback {}
  class V2Model extends Callback {}

  it.each([
    ['TrainEvalCallback', 'train_eval', () => new TrainEvalCallback()],
    ['Recorder', 'recorder', () => new Recorder()],
    ['GradientClip', 'gradient_clip', () => new GradientClip()],
    ['MyCB', 'my_cb', () => new MyCB()],
    ['ComplicatedNameCallback', 'complicated_name', () => new ComplicatedNameCallback()],
    ['TstCallback', 'tst', () => new TstCallback()],
    ['HTTPServerCallback', 'http_server', () => new HTTPServerCallback()],
    ['V2Model', 'v2_model', () => new V2Model()],
    ['Callback', 'callback', () => new Callback()],
  ] as Array<[string, string, () => Callback]>)('%s -> %s', (_cls, expected, make) => {
    expect(make().name).toBe(expected);
  });

  it('a learner finds a callback by that name', () => {
    const g = new GradientClip();
    learn = makeLearner({ cbs: [g] });
    expect(learn.cbByName('gradient_clip')).toBe(g);
    expect(learn.cb(GradientClip)).toBe(g);
  });
});

describe('learn.call', () => {
  it('rejects an unknown event with an error that names it, and calls no callback', async () => {
    const logger = new EventLogger();
    learn = makeLearner({ cbs: [logger] });
    logger.clear();
    await expect(learn.call('not_an_event' as EventName)).rejects.toThrow(/not_an_event/);
    expect(logger.events).toEqual([]);
  });

  it('calls the event on every callback, in order', async () => {
    const a = new EventLogger();
    const b = new EventLogger();
    learn = makeLearner({ defaultCbs: false, cbs: [a, b] });
    a.clear();
    b.clear();
    await learn.call('after_cancel_train');
    expect(a.events).toEqual(['after_cancel_train']);
    expect(b.events).toEqual(['after_cancel_train']);
  });

  it('awaits async handlers in order', async () => {
    const calls: string[] = [];
    class Slow extends Callback {
      override order = 1;
      async before_epoch(): Promise<void> {
        await new Promise((r) => setTimeout(r, 20));
        calls.push('slow');
      }
    }
    class Fast extends Callback {
      override order = 2;
      before_epoch(): void {
        calls.push('fast');
      }
    }
    learn = makeLearner({ defaultCbs: false, cbs: [new Fast(), new Slow()] });
    await learn.call('before_epoch');
    expect(calls).toEqual(['slow', 'fast']);
  });

  it('a non-cancel error in a callback surfaces as a CallbackError naming the class and the event', async () => {
    class Boom extends Callback {
      after_pred(): void {
        throw new Error('kaboom');
      }
    }
    learn = makeLearner({ trainBatches: 1, validBatches: 1, cbs: [new Boom()] });
    const err = await learn.fit(1).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CallbackError);
    const ce = err as CallbackError;
    expect(ce.callbackName).toBe('Boom');
    expect(ce.event).toBe('after_pred');
    expect((ce.cause as Error).message).toBe('kaboom');
    expect(ce.message).toBe('Exception occurred in `Boom` when calling event `after_pred`: kaboom');
  });
});
