import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallbackCatalogEntry } from '../../callbacks/messages';
import type { Setup } from '../../setup/messages';
import { DEFAULT_SETUP, setupProblems } from '../../setup/setup-rules';
import { allChoices, createDataset } from '../../../data/kinds/catalog';
import { MODEL_KINDS, defaultModel, modelValues, needsProblem } from '../../../models/kinds/catalog';
import type { FieldSpec, FieldValue } from '../../../shared/params';
import { MAX_CODE_CHARS, MAX_HASH, checkCallbacks, decodeState, encodeState, urlTable, type SharedState } from './url-state';

const MNIST_CNN: Setup = {
  dataset: { kind: 'mnist', limit: 500, seed: 7, validPct: 0.25 },
  model: { kind: 'cnn', filters: 4, dense: 16 },
  optimizer: 'sgd',
  momentum: 0.8,
  lr: 0.003,
  wd: 0.01,
  batchSize: 64,
  epochs: 3,
};

const STATE: SharedState = {
  setup: {
    ...DEFAULT_SETUP,
    dataset: { kind: 'synthetic', id: 'circles', params: { nPerClass: 150, noise: 0.1, factor: 0.4 }, seed: 3, validPct: 0.3 },
  },
  callbacks: { GradientClip: { maxNorm: 2 }, ParamScheduler: { schedule: 'one_cycle', on: true } },
  breakpoints: [
    { id: 'url1', event: 'after_loss', enabled: true, conditions: [{ kind: 'epoch', op: 'gte', value: 1 }, { kind: 'lossNotFinite' }] },
  ],
};

const CATALOG: CallbackCatalogEntry[] = [
  {
    name: 'GradientClip',
    description: '',
    kind: 'optional',
    order: 11,
    events: [],
    params: [{ name: 'maxNorm', type: 'number', default: 1, min: 0.0001, max: 100, description: '' }],
  },
  { name: 'Recorder', description: '', kind: 'default', order: 50, events: [], params: [] },
  {
    name: 'ParamScheduler',
    description: '',
    kind: 'optional',
    order: 60,
    events: [],
    params: [
      { name: 'schedule', type: 'enum', default: 'one_cycle', options: ['one_cycle', 'flat_cos'], description: '' },
      { name: 'pctStart', type: 'number', default: 0.25, min: 0, max: 1, description: '' },
    ],
  },
  {
    name: 'EarlyStoppingCallback',
    description: '',
    kind: 'optional',
    order: 63,
    events: [],
    params: [
      { name: 'monitor', type: 'monitor', default: 'valid_loss', description: '' },
      { name: 'patience', type: 'integer', default: 1, min: 0, max: 1000, description: '' },
    ],
  },
];

/** Anything a decoded state holds must be a valid, trainable setup. */
function expectValid(s: ReturnType<typeof decodeState>): void {
  expect(setupProblems(s.setup)).toEqual([]);
  if (s.setup.model.kind === 'cnn') expect(s.setup.dataset.kind).not.toBe('synthetic');
  for (const b of s.breakpoints) expect(typeof b.event).toBe('string');
  for (const v of Object.values(s.callbacks)) expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
}

describe('URL state', () => {
  it('round-trips a setup, callbacks and breakpoints', () => {
    const back = decodeState(`#${encodeState(STATE)}`);
    expect(back.ignored).toEqual([]);
    expect(back.setup).toEqual(STATE.setup);
    expect(back.callbacks).toEqual(STATE.callbacks);
    expect(back.breakpoints).toEqual(STATE.breakpoints);
    const mnist = decodeState(encodeState({ setup: MNIST_CNN, callbacks: {}, breakpoints: [] }));
    expect(mnist).toEqual({ setup: MNIST_CNN, callbacks: {}, breakpoints: [], ignored: [] });
  });

  it('round-trips random valid numbers exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lr, batchSize, seed, wd) => {
          const setup: Setup = { ...DEFAULT_SETUP, lr, batchSize, wd, dataset: { ...DEFAULT_SETUP.dataset, seed } };
          const back = decodeState(encodeState({ setup, callbacks: {}, breakpoints: [] }));
          expect(back.ignored).toEqual([]);
          expect(back.setup).toEqual(setup);
        },
      ),
    );
  });

  it('an empty hash is the defaults, silently', () => {
    expect(decodeState('')).toEqual({ setup: DEFAULT_SETUP, callbacks: {}, breakpoints: [], ignored: [] });
    expect(decodeState('#').ignored).toEqual([]);
  });

  it('replaces invalid values by their defaults and names them', () => {
    const s = decodeState('#data=moons&p.noise=9&lr=-1&bs=abc&epochs=2&model=cnn&act=evil&opt=adam&zzz=1&bp=[{"event":"nope"}]');
    expect(s.setup.dataset).toMatchObject({ kind: 'synthetic', id: 'moons', params: { noise: 0.1 } });
    expect(s.setup.lr).toBe(DEFAULT_SETUP.lr);
    expect(s.setup.batchSize).toBe(DEFAULT_SETUP.batchSize);
    expect(s.setup.epochs).toBe(2);
    expect(s.setup.model.kind).toBe('mlp');
    expect(s.ignored.join('\n')).toMatch(/p\.noise=9/);
    expect(s.ignored.join('\n')).toMatch(/lr=-1 \(Learning rate must be more than 0\)/);
    expect(s.ignored.join('\n')).toMatch(/bs=abc/);
    expect(s.ignored.join('\n')).toMatch(/model=cnn/);
    expect(s.ignored.join('\n')).toMatch(/act=evil/);
    expect(s.ignored.join('\n')).toMatch(/unknown key "zzz"/);
    expect(s.ignored.join('\n')).toMatch(/breakpoint 1/);
  });

  it('survives every truncation of a valid link', () => {
    const hash = encodeState(STATE);
    for (let n = 0; n <= hash.length; n++) expectValid(decodeState(hash.slice(0, n)));
  });

  it('never throws on random or hostile hashes, and always yields a valid setup', () => {
    const hostile = fc.constantFrom(
      'cb.__proto__={"polluted":1}',
      'cb.constructor={"prototype":{"x":1}}',
      'bp={"__proto__":{"x":1}}',
      'lr=1e999',
      'lr=NaN',
      'lr=0x10',
      'epochs=1.5',
      'data=<script>alert(1)</script>',
      'bp=[1,2,3]',
      'cb.X=' + '['.repeat(5000),
      '%E0%A4%A',
      'p.toString=1',
      'data=__proto__',
      'seed=-0',
      'bs= 12',
      'code.__proto__=x',
      'code.constructor=%',
      'code.A=' + 'x'.repeat(13000),
    );
    const key = fc.constantFrom(
      'data',
      'p.noise',
      'p.nPerClass',
      'seed',
      'valid',
      'model',
      'layers',
      'units',
      'act',
      'opt',
      'lr',
      'bs',
      'epochs',
      'cb.GradientClip',
      'bp',
      'limit',
      'code.GradNorm',
    );
    const pair = fc.oneof(
      hostile,
      fc.tuple(key, fc.oneof(fc.string(), fc.json(), fc.double().map(String))).map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pair).map((a) => a.join('&')),
        ),
        (hash) => {
          const s = decodeState(hash);
          expectValid(s);
          const c = checkCallbacks(s.callbacks, CATALOG);
          for (const params of Object.values(c.callbacks)) expect(Object.keys(params).sort()).toEqual(expect.any(Array));
        },
      ),
      { numRuns: 2000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('checks callbacks against the catalog: unknown, default and invalid parameters are ignored', () => {
    const r = checkCallbacks(
      { GradientClip: { maxNorm: 1e9 }, Recorder: {}, Evil: {}, ParamScheduler: { schedule: 'flat_cos', bogus: 1 } },
      CATALOG,
    );
    expect(r.callbacks).toEqual({ GradientClip: { maxNorm: 1 }, ParamScheduler: { schedule: 'flat_cos', pctStart: 0.25 } });
    expect(r.ignored).toEqual([
      'GradientClip.maxNorm=1000000000 (invalid)',
      'callback "Recorder" (cannot be switched)',
      'callback "Evil" (unknown)',
      'ParamScheduler.bogus (unknown parameter)',
    ]);
  });

  it('ignores a monitor the run cannot have, and names it (it used to fail at before_fit)', () => {
    const r = checkCallbacks({ EarlyStoppingCallback: { monitor: 'bogus', patience: 2 } }, CATALOG);
    expect(r.ignored).toEqual(['EarlyStoppingCallback.monitor=bogus (invalid)']);
    expect(r.callbacks.EarlyStoppingCallback.monitor).toBe('valid_loss');
    expect(checkCallbacks({ EarlyStoppingCallback: { monitor: 'accuracy' } }, CATALOG, ['train_loss', 'valid_loss']).ignored).toEqual([
      'EarlyStoppingCallback.monitor=accuracy (invalid)',
    ]);
  });

  it('reads a link in the existing format as before', () => {
    const link =
      '#data=spiral&p.nPerClass=200&p.nClasses=3&p.noise=0.2&seed=0&valid=0.2&model=mlp&layers=2&units=32&act=relu' +
      '&opt=adam&mom=0.9&lr=0.05&wd=0&bs=128&epochs=10&cb.GradientClip={"maxNorm":1}&bp=[{"event":"after_loss","enabled":true,"conditions":[]}]';
    expect(decodeState(link)).toEqual({
      setup: DEFAULT_SETUP,
      callbacks: { GradientClip: { maxNorm: 1 } },
      breakpoints: [{ id: 'url1', event: 'after_loss', enabled: true, conditions: [] }],
      ignored: [],
    });
    // and writes it back key for key, in the same order
    const again = encodeState({
      setup: DEFAULT_SETUP,
      callbacks: { GradientClip: { maxNorm: 1 } },
      breakpoints: decodeState(link).breakpoints,
    });
    expect(again).toBe(new URLSearchParams(link.slice(1)).toString());
  });

  it("has one row per key, the kinds' keys from the registries", () => {
    const keys = [...new Set(urlTable().rows.map((r) => ('prefix' in r ? `${r.prefix}*` : r.key)))];
    expect(keys).toEqual([
      'data',
      'p.nPerClass',
      'p.nClasses',
      'p.noise',
      'p.factor',
      'p.n',
      'limit',
      'seed',
      'valid',
      'model',
      'layers',
      'units',
      'act',
      'filters',
      'dense',
      'stack',
      'init',
      'opt',
      'mom',
      'lr',
      'wd',
      'wdbn',
      'bs',
      'epochs',
      'cb.*',
      'bp',
      'code.*',
    ]);
  });

  it('round-trips every field of every model kind and every dataset choice at a value other than its default', () => {
    const other = (f: FieldSpec): FieldValue => {
      if (f.type === 'enum') return f.options[f.options.length - 1];
      if (f.type === 'text') return f.examples?.at(-1) ?? f.default;
      return f.default === f.max ? f.min : f.max;
    };
    for (const c of allChoices()) {
      for (const m of MODEL_KINDS) {
        const base = createDataset<Setup['dataset']>(c.id, { seed: 11, validPct: 0.3 });
        const fields = c.kind.fields(c.id);
        const dataset = c.kind.withValues(base as never, Object.fromEntries(fields.map((f) => [f.key, other(f)]))) as Setup['dataset'];
        const model = { ...defaultModel(m), ...Object.fromEntries(m.params.map((f) => [f.key, other(f)])) } as Setup['model'];
        const setup: Setup = { ...DEFAULT_SETUP, dataset, model };
        const back = decodeState(encodeState({ setup, callbacks: {}, breakpoints: [] }));
        if (needsProblem(m, c.kind.traits(dataset as never))) {
          expect(back.setup.model.kind, `${c.id} + ${m.kind}`).not.toBe(m.kind);
          continue;
        }
        expect(back.ignored, `${c.id} + ${m.kind}`).toEqual([]);
        expect(back.setup, `${c.id} + ${m.kind}`).toEqual(setup);
        for (const f of m.params) expect(modelValues(back.setup.model)[f.key]).not.toBe(f.default);
      }
    }
  });

  it("names a parameter the chosen dataset lacks, and ignores other kinds' keys silently", () => {
    expect(decodeState('#data=circles&p.nClasses=4&p.zzz=1').ignored).toEqual([
      'unknown parameter "p.nClasses" of circles',
      'unknown parameter "p.zzz" of circles',
    ]);
    expect(decodeState('#data=mnist&p.noise=1&model=cnn&layers=3').ignored).toEqual([]);
  });
});

describe('URL state: code', () => {
  const HOSTILE = [
    'class Quotes extends Callback {\n  after_batch() { this.log("a\'b", 1); }\n}',
    'const a = 1 & 2; // a&b=c&code.Evil=x',
    '// #hash # in the middle #data=mnist',
    '// 100% sure: %20 %E0%A4%A %zz %',
    'line 1\r\nline 2\n\n\ttabbed\u0000nul',
    "const s = '</script><script>alert(1)</script>';",
    'const unicode = "héllo 日本語 🙂 \u202e \uFEFF"; // + plus + signs ++',
    '   leading and trailing spaces   ',
    '',
  ];

  it('round-trips sources verbatim, hostile ones included, after the rest of the link', () => {
    for (const chunk of [HOSTILE.slice(0, 4), HOSTILE.slice(4, 8), HOSTILE.slice(8)]) {
      const code = Object.fromEntries(chunk.map((src, i) => [`Cb_${i}`, src]));
      const hash = encodeState({ ...STATE, code });
      const back = decodeState(`#${hash}`);
      expect(back.ignored).toEqual([]);
      expect(back.code).toEqual(code);
      expect(back.setup).toEqual(STATE.setup);
      expect(back.callbacks).toEqual(STATE.callbacks);
      expect(back.breakpoints).toEqual(STATE.breakpoints);
      // nothing in a source breaks out of its value
      expect(hash).not.toMatch(/[#\s<>"']/);
      expect([...new URLSearchParams(hash).keys()].filter((k) => k.startsWith('code.'))).toEqual(Object.keys(code).map((n) => `code.${n}`));
    }
    expect(encodeState({ ...STATE, code: { Last: HOSTILE[3] } })).toMatch(/&code\.Last=%2F%2F\+100%25\+sure[^&]*$/);
  });

  it('a link with code of the largest size still reads', () => {
    const big = 'x'.repeat(MAX_CODE_CHARS);
    const code = { A: big, B: big, C: big, D: big };
    const hash = encodeState({ ...STATE, code });
    expect(hash.length).toBeLessThan(MAX_HASH);
    expect(decodeState(hash)).toMatchObject({ code, ignored: [] });
  });

  it('ignores bad names, too long and too many sources, each with a line', () => {
    const p = new URLSearchParams();
    p.set('code.1Bad', 'class X {}');
    p.set('code.has-dash', 'class X {}');
    p.set('code.', 'class X {}');
    p.set('code.__proto__', 'class X {}');
    p.set('code.Long', 'x'.repeat(MAX_CODE_CHARS + 1));
    p.set('code.A', 'a');
    p.set('code.B', 'b');
    p.set('code.C', 'c');
    p.set('code.D', 'd');
    p.set('code.E', 'e');
    const d = decodeState(`${p.toString()}&code.A=again`);
    expect(d.code).toEqual({ A: 'a', B: 'b', C: 'c', D: 'd' });
    expect(d.ignored).toEqual([
      'code "1Bad" (not a class name)',
      'code "has-dash" (not a class name)',
      'code "" (not a class name)',
      'code "__proto__" (not a class name)',
      `code "Long" (longer than ${MAX_CODE_CHARS} characters)`,
      'code "E" (more than 4 callbacks in one link)',
      'code "A" (given twice: the first is kept)',
    ]);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    expect(decodeState('code.constructor=x&code.toString=y').code).toEqual({ constructor: 'x', toString: 'y' });
  });

  it('a link without code decodes as before: no code key at all', () => {
    const d = decodeState(`#${encodeState(STATE)}`);
    expect('code' in d).toBe(false);
    expect(encodeState({ ...STATE, code: {} })).toBe(encodeState(STATE));
  });

  it('a link longer than MAX_HASH is not read at all', () => {
    const d = decodeState(`epochs=3&code.A=${'x'.repeat(MAX_HASH)}`);
    expect(d.code).toBeUndefined();
    expect(d.setup).toEqual(DEFAULT_SETUP);
    expect(d.ignored).toEqual([`the link (longer than ${MAX_HASH} characters)`]);
  });
});

describe('a layer list and weight decay on BN in the link', () => {
  it('round-trip; a list the grammar refuses is named and the default kept', () => {
    const model = { kind: 'layers', stack: 'conv(8, 5, 2) bn2d relu flatten', init: 'kaiming' } as Setup['model'];
    const setup: Setup = {
      ...DEFAULT_SETUP,
      dataset: createDataset<Setup['dataset']>('mnist', { seed: 0, validPct: 0.2 }),
      model,
      wdBnBias: true,
    };
    const hash = encodeState({ setup, callbacks: {}, breakpoints: [] });
    expect(hash).toContain('model=layers&stack=conv%288%2C+5%2C+2%29+bn2d+relu+flatten&init=kaiming');
    expect(hash).toContain('wdbn=on');
    expect(decodeState(hash)).toEqual({ setup, callbacks: {}, breakpoints: [], ignored: [] });
    const bad = decodeState(hash.replace('bn2d', 'bn3d'));
    expect(bad.ignored).toEqual([
      "stack=conv(8, 5, 2) bn3d relu flatten (layer 2: no layer is called 'bn3d' (linear, conv, bn1d, bn2d, dropout, relu, leakyrelu, gelu, tanh, sigmoid, generalrelu, maxpool, avgpool, globalavgpool, flatten, resblock))",
    ]);
    expect(bad.setup.model).toMatchObject({ kind: 'layers', init: 'kaiming' });
    expect(encodeState({ setup: DEFAULT_SETUP, callbacks: {}, breakpoints: [] })).not.toContain('wdbn');
  });
});
