// The loop's model (ENCLOSING, loopStack) and its source lines, checked against the real Learner:
// its text (src/learner/learner.ts) and its call stack as V8 reports it at every event.
import { readFileSync } from 'node:fs';
import { learnerFrames } from './v8-frames.test.util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CancelBackwardException,
  CancelBatchException,
  CancelEpochException,
  CancelFitException,
  CancelStepException,
  CancelTrainException,
  CancelValidException,
  type EventName,
  type Learner,
} from '../learner';
import { AllEventsCallback, Canceller, disposeLearner, makeLearner, useCpuBackend, type CancelClass } from '../learner/fixtures.test.util';
import { LoopDebugger } from '../debugger';
import { EVENTS } from './events';
import { ENCLOSING, FASTAI_NAMES, eventDepth, eventLines, frameLines, loopStack, stageOf, type LoopContext } from './loop-source';

const SOURCE = readFileSync(new URL('../learner/learner.ts', import.meta.url), 'utf8');
const LINES = SOURCE.split(/\r?\n/);
const text = (line: number) => LINES[line - 1];
/** The text of the call starting at `line`, up to its `;`. */
const callText = (line: number) =>
  LINES.slice(line - 1)
    .join('\n')
    .split(';')[0];

describe('eventLines', () => {
  it('finds a line for every event, and that line fires it', () => {
    const lines = eventLines(SOURCE);
    expect(Object.keys(lines).sort()).toEqual([...EVENTS].sort());
    for (const event of EVENTS) {
      const stage = stageOf(event);
      const line = text(lines[event]);
      if (stage) {
        // Fired generically by withEvents: the line is the stage's withEvents call in its caller.
        expect([event, line]).toEqual([event, expect.stringContaining('this.withEvents(')]);
        expect([event, callText(lines[event])]).toEqual([event, expect.stringContaining(`'${stage}'`)]);
      } else {
        expect([event, line]).toEqual([event, expect.stringMatching(new RegExp(`this\\.call(Sync)?\\('${event}'\\)`))]);
      }
    }
    expect(text(lines.after_create)).toContain("this.callSync('after_create')");
    expect(lines.before_backward).toBe(lines.after_backward);
    expect(lines.before_step).toBeGreaterThan(lines.after_backward);
  });

  it('maps the stage events to their call site only when withEvents fires them generically', () => {
    const inlined = SOURCE.replace('this.call(`before_${stage}` as EventName)', "this.call('before_fit')");
    expect(inlined).not.toBe(SOURCE);
    expect(() => eventLines(inlined)).toThrow(/before_epoch, before_train, before_batch, before_backward, before_step, before_validate$/);
  });

  it('names the events it cannot find', () => {
    const edited = SOURCE.replace("await this.call('after_loss');", 'await this.call(lossEvent);').replace(/'step',/, "'stepX',");
    expect(() => eventLines(edited)).toThrow(
      "no line of the Learner's source fires after_loss, before_step, after_cancel_step, after_step",
    );
  });
});

describe('frameLines', () => {
  const ctx = (training: boolean): LoopContext => ({ training, epoch: 0, nEpoch: 1, iter: 0, nIter: 2 });

  it('gives every frame of every stack the line of the call it is making', () => {
    const lines = frameLines(SOURCE);
    for (const event of EVENTS) {
      for (const training of [true, false]) {
        const stack = loopStack(event, ctx(training));
        const at = lines(stack, event);
        stack.forEach((frame, i) => {
          const next = stack[i + 1];
          const call = callText(at[i]);
          const where = `${event} ${training} ${frame.fn}`;
          if (frame.fn === 'withEvents' || next?.fn === 'withEvents') {
            const stage = frame.stage ?? next!.stage;
            expect([where, call]).toEqual([where, expect.stringMatching(new RegExp(`this\\.withEvents\\([^;]*'${stage}'`))]);
          } else if (next) expect([where, call]).toEqual([where, expect.stringContaining(`this.${next.fn}(`)]);
          else expect([where, call]).toEqual([where, expect.stringContaining(`'${event}'`)]);
        });
      }
    }
  });

  it('after_pred: the gradient branch in training, the other one in validation', () => {
    const lines = frameLines(SOURCE);
    const train = lines(loopStack('after_pred', ctx(true)), 'after_pred').at(-1)!;
    const valid = lines(loopStack('after_pred', ctx(false)), 'after_pred').at(-1)!;
    expect(valid).toBeGreaterThan(train);
    expect(LINES.slice(train - 8, train).join('\n')).toContain('if (withGrads)');
    expect(LINES.slice(valid - 3, valid).join('\n')).toContain('} else {');
  });

  it('throws naming what the source lacks', () => {
    const edited = SOURCE.replace('await this.doEpochTrain();', 'await this.trainPhase();');
    expect(() => frameLines(edited)).toThrow("frameLines: the Learner's source lacks doEpoch → doEpochTrain");
  });
});

describe('the names', () => {
  it('every FASTAI_NAMES key is a Learner method', () => {
    for (const fn of Object.keys(FASTAI_NAMES)) {
      expect([fn, SOURCE]).toEqual([fn, expect.stringMatching(new RegExp(`^ {2}(private |async )*${fn}\\(`, 'm'))]);
    }
  });

  it('the stack at after_loss in training and at before_validate', () => {
    const show = (event: EventName, training: boolean) =>
      loopStack(event, { training, epoch: 1, nEpoch: 10, iter: 2, nIter: 4 })
        .map((f) => (f.stage ? `${f.fn}('${f.stage}')` : f.detail ? `${f.fn} (${f.detail})` : f.fn))
        .join(' ▸ ');
    expect(show('after_loss', true)).toBe(
      "fit ▸ withEvents('fit') ▸ doFit (epoch 2/10) ▸ withEvents('epoch') ▸ doEpoch ▸ doEpochTrain ▸ withEvents('train') ▸ allBatches (iter 3/4) ▸ oneBatch ▸ withEvents('batch') ▸ doOneBatch",
    );
    expect(show('before_validate', true)).toBe(
      "fit ▸ withEvents('fit') ▸ doFit (epoch 2/10) ▸ withEvents('epoch') ▸ doEpoch ▸ doEpochValidate ▸ withEvents('validate')",
    );
    expect(loopStack('after_loss', { training: true, epoch: 0, nEpoch: 1, iter: 0, nIter: 1 }).at(-1)).toEqual({
      fn: 'doOneBatch',
      fastai: '_do_one_batch',
      stage: null,
      detail: null,
    });
  });

  it('eventDepth is the number of running try blocks', () => {
    expect(EVENTS.map(eventDepth)).toEqual(EVENTS.map((e) => ENCLOSING[e].length));
    expect([eventDepth('before_backward'), eventDepth('after_loss'), eventDepth('after_batch'), eventDepth('after_fit')]).toEqual([
      5, 4, 3, 0,
    ]);
  });
});

// ---- the stack model against V8 ----
//
// What is compared: at every event a probe callback takes `new Error().stack` and keeps, innermost
// last, the frames that are Learner methods (`at Learner.doOneBatch`, `at async Learner.fit`, `at new
// Learner` as 'constructor'), less the event dispatch (`call`, `callMonitored`, `callSync`); that
// list must equal `loopStack(event, …).map(f => f.fn)` exactly. V8's async stack traces keep every
// awaiting Learner frame here (each stage awaits the next), so with `Error.stackTraceLimit` raised
// the whole chain up to `fit` is there; the arrow functions `() => this.doFit()` that withEvents
// calls are not Learner methods and are dropped.

interface Seen {
  event: EventName;
  actual: string[];
  model: string[];
}

/** Records, at every event, V8's Learner frames and the model's. */
class StackProbe extends AllEventsCallback {
  seen: Seen[] = [];
  private training = false;

  protected override on(event: EventName): void {
    const actual = learnerFrames(new Error().stack ?? '');
    if (event === 'before_train') this.training = true;
    if (event === 'before_validate') this.training = false;
    const l = this.learn;
    const ctx = { training: this.training, epoch: l?.epoch ?? 0, nEpoch: l?.nEpoch ?? 1, iter: l?.iter ?? 0, nIter: l?.nIter ?? 0 };
    this.seen.push({ event, actual, model: loopStack(event, ctx).map((f) => f.fn) });
  }
}

describe('loopStack is the real call stack', () => {
  let limit: number;
  const live: Learner[] = [];
  beforeAll(async () => {
    await useCpuBackend();
    limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 200;
  });
  afterAll(() => {
    Error.stackTraceLimit = limit;
  });
  afterEach(() => live.splice(0).forEach(disposeLearner));

  async function run(cancel: [EventName, CancelClass, 'train' | 'valid' | 'any'] | null, monitored = false): Promise<Seen[]> {
    const probe = new StackProbe();
    const cbs = cancel ? [probe, new Canceller(cancel[0], cancel[1], cancel[2])] : [probe];
    const learn = makeLearner({ trainBatches: 2, validBatches: 2, cbs });
    live.push(learn);
    if (monitored) new LoopDebugger(learn, () => undefined).attach();
    await learn.fit(2);
    for (const s of probe.seen) expect([s.event, s.actual]).toEqual([s.event, s.model]);
    return probe.seen;
  }

  it('at every event of a fit, in training and validation', async () => {
    const seen = await run(null);
    expect(new Set(seen.map((s) => s.event)).size).toBe(17); // the 24 less the 7 after_cancel_*
    const afterLoss = seen.filter((s) => s.event === 'after_loss').map((s) => s.actual);
    expect(afterLoss[0]).toContain('doEpochTrain');
    expect(afterLoss.at(-1)).toContain('doEpochValidate');
    expect(seen[0]).toEqual({ event: 'after_create', actual: ['constructor'], model: ['constructor'] });
  });

  it('with the debugger attached (the events go through callMonitored)', async () => {
    const seen = await run(null, true);
    expect(seen.length).toBeGreaterThan(40);
  });

  const CANCELS: [EventName, CancelClass, 'train' | 'valid' | 'any', EventName][] = [
    ['after_loss', CancelBatchException, 'train', 'after_cancel_batch'],
    ['after_loss', CancelBatchException, 'valid', 'after_cancel_batch'],
    ['before_backward', CancelBackwardException, 'train', 'after_cancel_backward'],
    ['before_step', CancelStepException, 'train', 'after_cancel_step'],
    ['before_batch', CancelTrainException, 'train', 'after_cancel_train'],
    ['after_pred', CancelValidException, 'valid', 'after_cancel_validate'],
    ['after_step', CancelEpochException, 'train', 'after_cancel_epoch'],
    ['before_epoch', CancelFitException, 'any', 'after_cancel_fit'],
  ];
  it.each(CANCELS.map(([at, exc, when, expected]) => ({ at, exc, when, expected, name: exc.name })))(
    '$at raising $name ($when) reaches $expected',
    async ({ at, exc, when, expected }) => {
      const seen = await run([at, exc, when]);
      expect(seen.map((s) => s.event)).toContain(expected);
    },
  );
});
