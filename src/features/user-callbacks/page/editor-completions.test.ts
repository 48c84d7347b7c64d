import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserCallback } from '../../../callbacks/user-callback';
import { disposeLearner, makeLearner, useCpuBackend } from '../../../learner/fixtures.test.util';
import { EVENTS } from '../../../shared/events';
import { USER_SCOPE_NAMES } from '../../../shared/user-code';
import type { Learner } from '../../../learner';
import {
  CALLBACK_MEMBERS,
  EVENT_COMPLETIONS,
  LEARNER_FIELDS,
  OPT_FIELDS,
  SCOPE_COMPLETIONS,
  completionsAt,
  type Completions,
} from './editor-completions';

const labels = (c: Completions | null) => c?.options.map((o) => o.label) ?? [];

const CLASS_HEAD = 'class GradNorm extends Callback {\n';

describe('the completion data', () => {
  it('has the 24 events, in fastai order, each a method with a body', () => {
    expect(EVENT_COMPLETIONS.map((o) => o.label)).toEqual([...EVENTS]);
    expect(EVENT_COMPLETIONS).toHaveLength(24);
    for (const o of EVENT_COMPLETIONS) {
      expect(o.type).toBe('method');
      expect(o.detail).toBe('event');
      expect(o.info).toMatch(/\S/);
      expect(o.info).not.toContain('\n');
      expect(o.apply).toBe(`${o.label}() {\n  \n}`);
      expect(o.snippet).toBe(`${o.label}() {\n\t\${}\n}`);
    }
  });

  it('has the scope names of a user callback, in order', () => {
    expect(SCOPE_COMPLETIONS.map((o) => o.label)).toEqual([...USER_SCOPE_NAMES]);
  });

  it('has the Learner fields of the brief', () => {
    expect(LEARNER_FIELDS.map((o) => o.label)).toEqual(
      'model opt lossFunc metrics cbs epoch nEpoch iter nIter trainIter pctTrain training xb yb pred loss grads params lr wd dls recorder'.split(
        ' ',
      ),
    );
    expect(OPT_FIELDS.map((o) => o.label)).toEqual(['hypers', 'setHypers', 'paramState']);
  });

  it('documents every option on one line', () => {
    for (const o of [...LEARNER_FIELDS, ...OPT_FIELDS, ...CALLBACK_MEMBERS, ...SCOPE_COMPLETIONS]) {
      expect(o.info, o.label).toMatch(/\S/);
      expect(o.info, o.label).not.toContain('\n');
      expect(o.detail, o.label).toMatch(/\S/);
    }
  });

  it('has no label twice in a list', () => {
    for (const list of [EVENT_COMPLETIONS, LEARNER_FIELDS, OPT_FIELDS, CALLBACK_MEMBERS, SCOPE_COMPLETIONS]) {
      const names = list.map((o) => o.label);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});

describe('the names exist on the real objects', () => {
  let learn: Learner;
  beforeAll(async () => {
    await useCpuBackend();
    learn = makeLearner();
    learn.createOpt();
  });
  afterAll(() => {
    learn.opt?.dispose();
    disposeLearner(learn);
  });

  it('every LEARNER_FIELDS name is a property of a Learner', () => {
    const missing = LEARNER_FIELDS.map((o) => o.label).filter((name) => !(name in learn));
    expect(missing).toEqual([]);
    expect(learn.recorder).toBeDefined();
  });

  it('every OPT_FIELDS name is a property of its optimizer', () => {
    const opt = learn.opt!;
    expect(opt).not.toBeNull();
    expect(OPT_FIELDS.map((o) => o.label).filter((name) => !(name in opt))).toEqual([]);
    expect(typeof opt.setHypers).toBe('function');
  });

  it('every CALLBACK_MEMBERS name is a member of the Callback users extend', () => {
    const cb = new UserCallback();
    expect(CALLBACK_MEMBERS.map((o) => o.label).filter((name) => !(name in cb))).toEqual([]);
    expect(typeof cb.log).toBe('function');
    for (const o of CALLBACK_MEMBERS)
      expect(o.type, o.label).toBe(typeof (cb as unknown as Record<string, unknown>)[o.label] === 'function' ? 'method' : 'property');
  });
});

describe('completionsAt', () => {
  it('offers the Learner after this.learn., from the typed word', () => {
    const text = '    this.learn.lo';
    const c = completionsAt(text);
    expect(labels(c)).toContain('loss');
    expect(labels(c)).toContain('lossFunc');
    expect(labels(c)).not.toContain('log');
    expect(c!.from).toBe(text.length - 2);
    expect(text.slice(c!.from)).toBe('lo');
  });

  it('offers the Learner after this.learn?. and this.learn!., right after the dot', () => {
    for (const text of ['x = this.learn?.', 'x = this.learn!.', 'x = this.learn.']) {
      const c = completionsAt(text);
      expect(labels(c), text).toEqual(LEARNER_FIELDS.map((o) => o.label));
      expect(c!.from, text).toBe(text.length);
    }
  });

  it('offers the optimizer after this.learn.opt.', () => {
    const text = 'this.learn.opt.setH';
    const c = completionsAt(text);
    expect(labels(c)).toEqual(['hypers', 'setHypers', 'paramState']);
    expect(c!.from).toBe(text.length - 4);
    expect(labels(completionsAt('this.learn.opt!.'))).toEqual(['hypers', 'setHypers', 'paramState']);
  });

  it('offers the Callback members after this.', () => {
    const c = completionsAt(`${CLASS_HEAD}  after_batch() {\n    this.`);
    expect(labels(c)).toEqual(['learn', 'log', 'order', 'run', 'runTrain', 'runValid', 'name']);
    expect(labels(completionsAt('this.le'))).toContain('learn');
    expect(labels(completionsAt('this.le'))).not.toContain('loss');
  });

  it('offers the events at the start of a line in a class body', () => {
    const text = `${CLASS_HEAD}  order = 10;\n  after_b`;
    const c = completionsAt(text);
    expect(labels(c).slice(0, 24)).toEqual([...EVENTS]);
    expect(labels(c)).toContain('order');
    expect(labels(c)).not.toContain('tf');
    expect(c!.from).toBe(text.length - 'after_b'.length);
    // after `async `: the events only
    expect(labels(completionsAt(`${CLASS_HEAD}  async bef`))).toEqual([...EVENTS]);
    // after another method, still in the class body
    expect(labels(completionsAt(`${CLASS_HEAD}  before_fit() {\n    const s = '}';\n  }\n  aft`)).slice(0, 24)).toEqual([...EVENTS]);
  });

  it('offers the scope names inside a method body', () => {
    const text = `${CLASS_HEAD}  after_backward() {\n    const n = global`;
    const c = completionsAt(text);
    expect(labels(c)).toEqual([...USER_SCOPE_NAMES]);
    expect(c!.from).toBe(text.length - 'global'.length);
    expect(labels(completionsAt(`${CLASS_HEAD}  after_backward() {\n    thr`))).not.toContain('after_backward');
    expect(labels(completionsAt(`${CLASS_HEAD}  before_batch() {\n    if (x) {\n      throw new Cancel`))).toContain(
      'CancelBatchException',
    );
    // at the top level too (class GradNorm extends Call|)
    expect(labels(completionsAt('class GradNorm extends Call'))).toContain('Callback');
  });

  it('offers nothing in strings, comments, after another object or with no word', () => {
    const body = `${CLASS_HEAD}  after_batch() {\n`;
    expect(completionsAt(`${body}    const s = 'this.learn.lo`)).toBeNull();
    expect(completionsAt(`${body}    // this.learn.lo`)).toBeNull();
    expect(completionsAt(`${body}    /* tf and glo`)).toBeNull();
    expect(completionsAt(`${body}    const s = \`a \${this.learn.lo`)).not.toBeNull();
    expect(completionsAt(`${body}    const s = \`a \${x} this.learn.lo`)).toBeNull();
    expect(completionsAt(`${body}    tf.no`)).toBeNull();
    expect(completionsAt(`${body}    x = 12`)).toBeNull();
    expect(completionsAt(`${body}    x = `)).toBeNull();
    expect(labels(completionsAt(`${body}    x = `, true))).toEqual([...USER_SCOPE_NAMES]);
    expect(completionsAt(`${CLASS_HEAD}  `)).toBeNull();
    expect(labels(completionsAt(`${CLASS_HEAD}  `, true)).slice(0, 24)).toEqual([...EVENTS]);
  });
});
