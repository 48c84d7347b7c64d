// An optional number parameter (ParamScheduler's lrMax: empty = the Training panel's lr) at the
// input, in a link and in a saved run's link state.
import { describe, expect, it } from 'vitest';
import type { CallbackCatalogEntry, ParamSpecData } from '../messages';
import { checkParamInput, formatParamValue } from './callback-params';
import { checkCallbacks, decodeState, encodeState } from '../../share/page/url-state';
import { DEFAULT_SETUP } from '../../setup/setup-rules';

const lrMax: ParamSpecData = {
  name: 'lrMax',
  type: 'number',
  default: '',
  optional: true,
  min: 1e-6,
  max: 10,
  log: true,
  description: "empty = the Training panel's lr, as fastai's fit_one_cycle",
};
const CATALOG: CallbackCatalogEntry[] = [
  { name: 'ParamScheduler', description: 'schedules', kind: 'optional', order: 60, events: [], params: [lrMax] },
];

describe('an optional number parameter', () => {
  it('accepts an empty input as unset, and still checks a number', () => {
    expect(checkParamInput(lrMax, ' ')).toEqual({ ok: true, value: '' });
    expect(checkParamInput(lrMax, '0.1')).toEqual({ ok: true, value: 0.1 });
    expect(checkParamInput(lrMax, '0')).toEqual({ ok: false, reason: 'must be in [0.000001, 10]' });
    expect(checkParamInput(lrMax, 'x')).toEqual({ ok: false, reason: 'expected a finite number' });
    expect(formatParamValue('')).toBe('');
  });

  it('goes through a link unset, set, and from an old link with a number', () => {
    for (const v of ['', 0.02]) {
      const back = decodeState(encodeState({ setup: DEFAULT_SETUP, callbacks: { ParamScheduler: { lrMax: v } }, breakpoints: [] }));
      expect(checkCallbacks(back.callbacks, CATALOG)).toEqual({ callbacks: { ParamScheduler: { lrMax: v } }, ignored: [] });
    }
    expect(checkCallbacks({ ParamScheduler: {} }, CATALOG).callbacks).toEqual({ ParamScheduler: { lrMax: '' } });
    expect(checkCallbacks({ ParamScheduler: { lrMax: 'abc' } }, CATALOG)).toEqual({
      callbacks: { ParamScheduler: { lrMax: '' } },
      ignored: ['ParamScheduler.lrMax=abc (invalid)'],
    });
  });
});
