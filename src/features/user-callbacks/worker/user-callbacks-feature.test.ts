import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LoopControl } from '../../../callbacks/loop-control';
import { StreamCallback } from '../../../callbacks/stream';
import { Callback } from '../../../learner';
import { disposeLearner, makeLearner, useCpuBackend } from '../../../learner/fixtures.test.util';
import type { WorkerToPage } from '../../messages';
import type { Session } from '../../run/worker/session';
import { userCallbackCode } from '../compile';
import type { UserCallbackCode } from '../messages';
import { loadDataUrlModule } from './data-url-loader.test.util';
import { UserCallbacksFeature, type UserCallbacksHost } from './user-callbacks-feature';

beforeAll(useCpuBackend);

type Msg<T extends WorkerToPage['type']> = Extract<WorkerToPage, { type: T }>;
const of = <T extends WorkerToPage['type']>(sent: WorkerToPage[], type: T) => sent.filter((m): m is Msg<T> => m.type === type);

function code(id: string, source: string): UserCallbackCode {
  const r = userCallbackCode(id, source);
  if ('error' in r) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.code;
}

/** A fit as Session.train runs one: a stream and a LoopControl, the feature attached and detached; `during` runs at the end of train batch `at`. */
async function fitWith(
  f: UserCallbacksFeature,
  sent: WorkerToPage[],
  opts: { epochs?: number; at?: number; during?: (h: UserCallbacksHost) => Promise<void> | void } = {},
) {
  const learn = makeLearner({ trainBatches: 3, validBatches: 1 });
  const stream = new StreamCallback((m) => sent.push(m as WorkerToPage), { intervalMs: 0, yieldToHost: async () => undefined });
  const control = new LoopControl();
  const host: UserCallbacksHost = {
    betweenBatches: (action) => {
      control.enqueue(() => action(learn));
      return true;
    },
  };
  const during = opts.during;
  class Trigger extends Callback {
    order = 70;
    async after_batch() {
      if (during && this.learn!.training && this.learn!.epoch === 0 && this.learn!.iter === (opts.at ?? 0)) await during(host);
    }
  }
  learn.addCbs([stream, control, new Trigger()]);
  f.attach(learn, { stream } as unknown as Session);
  let error: unknown = null;
  try {
    await learn.fit(opts.epochs ?? 1);
  } catch (err) {
    error = err;
    f.failed(err);
  } finally {
    f.detach(learn);
    control.dispose();
    disposeLearner(learn);
  }
  return { error };
}

const idle: UserCallbacksHost = { betweenBatches: () => false };

describe('UserCallbacksFeature', () => {
  it('loads a callback, reports its class, order and events, and runs it in the next fit', async () => {
    const sent: WorkerToPage[] = [];
    const f = new UserCallbacksFeature((m) => sent.push(m), loadDataUrlModule);
    const src = `class Counter extends Callback {
  order: number = 5;
  n = 0;
  after_batch(): void {
    this.n++;
    this.log('n', this.n);
  }
}`;
    await f.add(code('a', src), true, idle);
    expect(of(sent, 'user-cb-state').at(-1)!.callbacks).toEqual([
      { id: 'a', className: 'Counter', name: 'counter', order: 5, events: ['after_batch'], enabled: true, slot: 0 },
    ]);
    await fitWith(f, sent);
    const logs = of(sent, 'metrics').flatMap((m) => (m.outputs?.userLog ? [m.outputs.userLog] : []));
    // 3 training batches and 1 validation batch: after_batch runs in both; x is the training batches done
    expect(logs.flatMap((l) => l.series.n?.y ?? [])).toEqual([1, 2, 3, 4]);
    expect(logs.flatMap((l) => l.series.n?.x ?? [])).toEqual([1, 2, 3, 3]);
  });
});

describe('UserCallbacksFeature during a fit', () => {
  const counter = (name: string, extra = '') => `class ${name} extends Callback {
  seen = 0;
  fits = 0;
  before_fit() {
    this.fits++;
  }
  after_batch() {
    this.seen++;
    this.log('${name}', this.seen);${extra}
  }
}`;

  it('adds, updates and removes between batches, each on the timeline; an added one catches up on before_fit', async () => {
    const sent: WorkerToPage[] = [];
    const f = new UserCallbacksFeature((m) => sent.push(m), loadDataUrlModule);
    await fitWith(f, sent, {
      epochs: 2,
      at: 0,
      during: async (h) => {
        await f.add(code('a', counter('Seen')), true, h);
      },
    });
    const timeline = of(sent, 'callback-timeline').map((m) => m.entry);
    expect(timeline.map((e) => [e.kind, e.text])).toEqual([['added', 'Seen added at epoch 1, iter 1']]);
    expect(timeline[0].trainIter).toBe(1);
    const ys = of(sent, 'metrics').flatMap((m) => m.outputs?.userLog?.series.Seen?.y ?? []);
    // from the 2nd training batch of epoch 1: 2 + 1 valid, then 3 + 1
    expect(ys).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const sent2: WorkerToPage[] = [];
    const g = new UserCallbacksFeature((m) => sent2.push(m), loadDataUrlModule);
    await g.add(code('a', counter('Seen')), true, idle);
    await fitWith(g, sent2, {
      at: 1,
      during: async (h) => {
        await g.add(code('a', counter('Seen', '\n    this.log("v2", 1);')), true, h);
      },
    });
    await fitWith(g, sent2, { at: 0, during: (h) => g.remove('a', h) });
    const entries = of(sent2, 'callback-timeline').map((m) => m.entry.text);
    expect(entries).toEqual(['Seen updated: a new instance, its state starts fresh at epoch 1, iter 2', 'Seen removed at epoch 1, iter 1']);
    const logs = of(sent2, 'metrics').flatMap((m) => (m.outputs?.userLog ? [m.outputs.userLog] : []));
    // first fit: 1, 2 from the old instance, then the new one starts at 1 (1 train + 1 valid), and logs v2
    const firstFitKey = logs[0].key;
    const firstFit = logs.filter((l) => l.key === firstFitKey);
    expect(firstFit.flatMap((l) => l.series.Seen?.y ?? [])).toEqual([1, 2, 1, 2]);
    expect(firstFit.flatMap((l) => l.series.v2?.y ?? [])).toEqual([1, 1]);
    expect(of(sent2, 'user-cb-state').at(-1)!.callbacks).toEqual([]);
  });

  it('a handler that throws stops the fit the fastai way, and the error points at the user line', async () => {
    const sent: WorkerToPage[] = [];
    const f = new UserCallbacksFeature((m) => sent.push(m), loadDataUrlModule);
    const src = `class Boom extends Callback {
  after_backward(): void {
    const grads = this.learn!.grads;
    if (grads) throw new Error('no gradients wanted');
  }
}`;
    await f.add(code('b', src), true, idle);
    const { error } = await fitWith(f, sent);
    expect((error as Error).message).toBe('Exception occurred in `Boom` when calling event `after_backward`: no gradients wanted');
    expect(of(sent, 'user-cb-error').map((m) => m.error)).toEqual([
      { id: 'b', className: 'Boom', event: 'after_backward', message: 'no gradients wanted', line: 4, column: 22 },
    ]);
  });

  it('an async handler that rejects, a constructor and a module that throw: each at its line', async () => {
    const sent: WorkerToPage[] = [];
    const f = new UserCallbacksFeature((m) => sent.push(m), loadDataUrlModule);
    const asyncSrc = `class Later extends Callback {
  async after_batch() {
    await Promise.resolve();
    null.x;
  }
}`;
    await f.add(code('c', asyncSrc), true, idle);
    await fitWith(f, sent);
    expect(of(sent, 'user-cb-error').at(-1)!.error).toMatchObject({ className: 'Later', event: 'after_batch', line: 4 });
    expect(of(sent, 'user-cb-error').at(-1)!.error.message).toMatch(/^TypeError: Cannot read properties of null/);

    await f.add(code('d', 'class Ctor extends Callback {\n  x = undefined.y;\n}'), true, idle);
    expect(of(sent, 'user-cb-error').at(-1)!.error).toMatchObject({ className: 'Ctor', event: null, line: 2 });
    expect(of(sent, 'user-cb-error').at(-1)!.error.message).toMatch(/^its constructor threw: TypeError/);
    await f.add(code('e', 'const k = 1;\nk = 2;\nclass Top extends Callback {}'), true, idle);
    expect(of(sent, 'user-cb-error').at(-1)!.error).toMatchObject({ className: 'Top', event: null, line: 2 });
    expect(f.infos.map((i) => i.className)).toEqual(['Later']);
  });

  it('refuses a second callback of the same class name, and a class that does not extend the Callback in scope', async () => {
    const sent: WorkerToPage[] = [];
    const f = new UserCallbacksFeature((m) => sent.push(m), loadDataUrlModule);
    await f.add(code('a', 'class Same extends Callback {}'), true, idle);
    await f.add(code('b', 'class Same extends Callback {}'), true, idle);
    expect(of(sent, 'user-cb-error').at(-1)!.error.message).toBe(
      'A callback named Same is already added: rename this class, or Update that one',
    );
    await f.add(code('c', 'const Callback2 = class {};\nclass Fake extends Callback {}\n;Fake = class {}'), true, idle);
    expect(of(sent, 'user-cb-error').at(-1)!.error).toMatchObject({
      className: 'Fake',
      line: null,
      message: 'Fake must extend Callback (the one in scope)',
    });
  });

  it('names a callback that leaves tensors behind, with the count by event; handing a tensor to the Learner is no leak', async () => {
    const sent: WorkerToPage[] = [];
    const f = new UserCallbacksFeature((m) => sent.push(m), loadDataUrlModule);
    const leaky = `class Leaky extends Callback {
  after_backward() {
    tf.square(this.learn.loss);
  }
}`;
    const swapper = `class Noise extends Callback {
  before_batch() {
    if (this.learn.training) this.learn.xb = [tf.add(this.learn.xb[0], 0.01)];
  }
  after_batch() {
    this.log('loss', this.learn.loss);
  }
}`;
    await f.add(code('l', leaky), true, idle);
    await f.add(code('s', swapper), true, idle);
    const before = tf.memory().numTensors;
    await fitWith(f, sent);
    expect(of(sent, 'user-cb-leaks').map((m) => m.leaks)).toEqual([
      [{ id: 'l', className: 'Leaky', count: 3, byEvent: { after_backward: 3 } }],
    ]);
    expect(tf.memory().numTensors - before).toBe(3);
    const losses = of(sent, 'metrics').flatMap((m) => m.outputs?.userLog?.series.loss?.y ?? []);
    expect(losses).toHaveLength(4);
    expect(losses.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  });
});
