import { describe, expect, it } from 'vitest';
import type { ParamSpecData } from '../messages';
import { checkParamInput, formatParamValue } from './callback-params';
import { monitorsFor } from '../../../shared/params';
import { decadeTicks, plotPoints } from '../../lr-finder/page/lr-find-data';

const maxNorm: ParamSpecData = { name: 'maxNorm', type: 'number', default: 1, min: 1e-4, max: 1e4, description: '' };
const nAcc: ParamSpecData = { name: 'nAcc', type: 'integer', default: 32, min: 1, max: 65536, description: '' };
const sched: ParamSpecData = { name: 'schedule', type: 'enum', default: 'one_cycle', options: ['one_cycle', 'flat_cos'], description: '' };

describe('checkParamInput (the registry rules, at the input)', () => {
  it('accepts valid values and gives the registry reason otherwise', () => {
    expect(checkParamInput(maxNorm, ' 0.5 ')).toEqual({ ok: true, value: 0.5 });
    expect(checkParamInput(maxNorm, '1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(checkParamInput(maxNorm, '-2')).toEqual({ ok: false, reason: 'must be in [0.0001, 10000]' });
    expect(checkParamInput(maxNorm, 'abc')).toEqual({ ok: false, reason: 'expected a finite number' });
    expect(checkParamInput(maxNorm, '')).toEqual({ ok: false, reason: 'expected a number' });
    expect(checkParamInput(nAcc, '2.5')).toEqual({ ok: false, reason: 'expected an integer' });
    expect(checkParamInput(sched, 'cos')).toEqual({ ok: false, reason: 'expected one of one_cycle, flat_cos' });
    expect(checkParamInput({ ...sched, type: 'monitor', options: undefined }, ' ')).toEqual({
      ok: false,
      reason: 'expected a non-empty string',
    });
  });

  it('refuses a monitor the run will not have, naming the ones it will', () => {
    const monitor: ParamSpecData = { name: 'monitor', type: 'monitor', default: 'valid_loss', description: '' };
    expect(checkParamInput(monitor, 'accuracy', monitorsFor('classification'))).toEqual({ ok: true, value: 'accuracy' });
    expect(checkParamInput(monitor, 'accuracy', monitorsFor('regression'))).toEqual({
      ok: false,
      reason: "this run has no 'accuracy' to watch; it has 'train_loss', 'valid_loss'",
    });
    expect(checkParamInput(monitor, 'valid_acc', monitorsFor(null))).toMatchObject({ ok: false });
  });

  it('formats values for the inputs', () => {
    expect([1e-7, 0.01, 25, 1e5, 0, true].map(formatParamValue)).toEqual(['1e-7', '0.01', '25', '1e5', '0', 'true']);
  });
});

describe('LR finder plot data', () => {
  it("skips fastai's last 5 points once done, and ticks at the decades", () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ lr: 10 ** (i - 7), loss: 1 }));
    expect(plotPoints(pts, true)).toHaveLength(5);
    expect(plotPoints(pts, false)).toHaveLength(10);
    expect(plotPoints([{ lr: 1e-3, loss: NaN }], false)).toEqual([]);
    expect(
      decadeTicks([
        { lr: 2e-7, loss: 1 },
        { lr: 3e-5, loss: 1 },
      ]),
    ).toEqual([1e-7, 1e-6, 1e-5, 1e-4]);
  });
});
